import { useEffect, useState } from 'react';
import { DatePicker, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { api, loadOnce } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';

/** A named period from the server (本年, 上年, 近30日, 本月, 上月, 本季度): Beijing dates, never the browser's clock. */
export interface NamedPeriod { key: string; label: string; from: string; to: string }
/** A statistical period: from/to (legal dates), `key` when it is a named one. */
export interface Period { from: string; to: string; key?: string }

/** GET /api/v1/calendar/periods, once per page load. */
export const namedPeriods = loadOnce(() => api.get<{ periods: NamedPeriod[] }>('/api/v1/calendar/periods').then((r) => r.periods));

export function useNamedPeriods(): NamedPeriod[] {
  const [list, setList] = useState<NamedPeriod[]>([]);
  useEffect(() => { namedPeriods().then(setList, () => undefined); }, []);
  return list;
}

/**
 * The period asked for (`key` of a named period, or from/to), resolved once the named periods
 * have come: null until then; the default is 本年.
 */
export function resolvePeriod(asked: { key?: string | null; from?: string | null; to?: string | null }, named: NamedPeriod[]): Period | null {
  if (asked.from && asked.to) return { from: asked.from, to: asked.to };
  const p = named.find((x) => x.key === (asked.key || 'thisYear'));
  return p ? { from: p.from, to: p.to, key: p.key } : null;
}

/** A named-period select and a date range (the range keeps `data-testid="dash-period"`). */
export function PeriodPicker({ value, onChange, named }: { value: Period | null; onChange: (p: Period) => void; named: NamedPeriod[] }) {
  return (
    <Space size={4}>
      <Select aria-label={t('period.named')} style={{ width: 120 }} value={value ? value.key ?? 'custom' : undefined}
        options={[...named.map((p) => ({ value: p.key, label: p.label })), { value: 'custom', label: t('period.custom'), disabled: true }]}
        onChange={(k: string) => { const p = named.find((x) => x.key === k); if (p) onChange({ from: p.from, to: p.to, key: p.key }); }} />
      <span data-testid="dash-period">
        <DatePicker.RangePicker aria-label={t('dash.period')} allowClear={false} value={value ? [dayjs(value.from), dayjs(value.to)] : null}
          onChange={(v) => { if (v?.[0] && v[1]) onChange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') }); }} />
      </span>
    </Space>
  );
}
