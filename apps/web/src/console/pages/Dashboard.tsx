import { t } from '../../lib/i18n.ts';
import { MetricBoard } from '../components/MetricBoard.tsx';

/**
 * 指标总览: every registered metric, by module (the cockpit, Cockpit.tsx, shows the headline few). Honours the address: `?metric=a,b` (only these —
 * a module's statistics page links here with its own), `?period=` or `?from=&to=`, `?org=`, `?module=`.
 */
export default function Dashboard() {
  return <MetricBoard title={t('nav.dashboard')} moduleFilter />;
}
