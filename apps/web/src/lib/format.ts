/** Display formatting only (Beijing time); no date arithmetic happens in the UI. */
import { t } from './i18n.ts';

const dt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
const d = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const x = new Date(iso);
  return Number.isNaN(x.getTime()) ? iso : dt.format(x).replace(/\//g, '-');
}

/** A legal date 'YYYY-MM-DD' is shown as is; an instant is shown as its Beijing date. */
export function fmtDate(v: string | null | undefined): string {
  if (!v) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const x = new Date(v);
  return Number.isNaN(x.getTime()) ? v : d.format(x).replace(/\//g, '-');
}

export function fmtValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v)) return v.map(fmtValue).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
