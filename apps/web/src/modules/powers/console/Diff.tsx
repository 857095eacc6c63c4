import { useState } from 'react';
import { App, Button, Card, Space } from 'antd';
import { api } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { PeriodPicker, resolvePeriod, useNamedPeriods, type Period } from '../../../console/components/PeriodPicker.tsx';
import type { PowerItem } from '../types.ts';

interface DiffResult { added: PowerItem[]; removed: PowerItem[]; changed: { code: string; name: string; fields: { field: string }[] }[] }

/** 两日对比: the 权责清单 on two dates (default: from the start of last year to today, dates from the server). */
export function Diff() {
  const { message } = App.useApp();
  const named = useNamedPeriods();
  const [chosen, setChosen] = useState<Period | null>(null);
  const [diff, setDiff] = useState<DiffResult | null>(null);
  const lastYear = resolvePeriod({ key: 'lastYear' }, named);
  const today = resolvePeriod({ key: 'thisYear' }, named)?.to;
  const range = chosen ?? (lastYear && today ? { from: lastYear.from, to: today } : null);
  const list = (xs: { code: string; name: string }[]) => xs.map((x) => `${x.code} ${x.name}`).join('；') || '—';
  return (
    <>
      <Space size={4}>
        <PeriodPicker value={range} onChange={setChosen} named={named} />
        <Button disabled={!range} onClick={() => range && api.get<DiffResult>('/api/v1/powers/diff', { from: range.from, to: range.to })
          .then(setDiff, (e) => message.error(problemText(e)))}>
          {t('powers.diff.title')}
        </Button>
      </Space>
      {diff && range && <Card size="small" style={{ width: '100%' }} title={t('powers.diff.range', { from: range.from, to: range.to })}
        extra={<Button size="small" onClick={() => setDiff(null)}>{t('common.close')}</Button>}>
        <div>{t('powers.diff.added')}：{list(diff.added)}</div>
        <div>{t('powers.diff.removed')}：{list(diff.removed)}</div>
        <div>{t('powers.diff.changed')}：{diff.changed
          .map((x) => t('powers.diff.fields', { code: x.code, name: x.name, fields: x.fields.map((f) => f.field).join('、') })).join('；') || '—'}</div>
      </Card>}
    </>
  );
}
