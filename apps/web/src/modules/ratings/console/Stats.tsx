import { t } from '../../../lib/i18n.ts';
import { MetricBoard } from '../../../console/components/MetricBoard.tsx';

/** 好差评统计: the ratings' metrics on the shared board. */
export default function Stats() {
  return <MetricBoard title={t('ratings.stats.title')} modules={['ratings']} />;
}
