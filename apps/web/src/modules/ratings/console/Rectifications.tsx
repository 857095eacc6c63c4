import { Card } from 'antd';
import { t } from '../../../lib/i18n.ts';
import { RatingsTable } from './RatingsTable.tsx';

/** 差评整改: the bad ratings and their rectification cases (回访核实 → 整改 → 反馈, 申诉复核). */
export default function Rectifications() {
  return <Card title={t('ratings.rectifications.title')}><RatingsTable bad /></Card>;
}
