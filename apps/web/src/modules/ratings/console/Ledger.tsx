import { Card } from 'antd';
import { t } from '../../../lib/i18n.ts';
import { RatingsTable } from './RatingsTable.tsx';

/** 好差评台账: every rating (active and default), by channel. */
export default function Ledger() {
  return <Card title={t('ratings.ledger.title')}><RatingsTable bad={false} /></Card>;
}
