import { t } from '../../../lib/i18n.ts';
import { MetricBoard } from '../../../console/components/MetricBoard.tsx';

/** 审批统计: the metrics of the approvals and of the 权责清单 they rest on (行政许可事项划转数 …), on the shared board. */
export default function Stats() {
  return <MetricBoard title={t('approvals.stats.title')} modules={['approvals', 'powers']} />;
}
