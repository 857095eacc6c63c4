/**
 * What every worklist shares (issue 11): keyboard shortcuts (j / k move, Enter opens, ? shows them), filters the user saves
 * (per user, in this browser's localStorage) and batch acts (one request per case, each with its own Idempotency-Key).
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Dropdown, Popover, Typography } from 'antd';
import { api, ApiError, newIdempotencyKey } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { useSession } from '../session.ts';

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

/** j / k move the highlighted row, Enter opens it, ? toggles the help. Keys typed into a field are left alone. */
export function useQueueKeys<R extends { id: string }>(rows: readonly R[] | undefined, open: (r: R) => void) {
  const [active, setActive] = useState(-1);
  const [help, setHelp] = useState(false);
  useEffect(() => { setActive(-1); }, [rows]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      const n = rows?.length ?? 0;
      if (e.key === '?') { setHelp((h) => !h); return; }
      if (e.key === 'Escape') { setHelp(false); return; }
      if (!n) return;
      if (e.key === 'j') { e.preventDefault(); setActive((a) => Math.min(n - 1, a + 1)); }
      if (e.key === 'k') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
      if (e.key === 'Enter' && active >= 0 && rows?.[active]) { e.preventDefault(); open(rows[active]); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, open, active]);
  useEffect(() => { if (active >= 0) document.querySelector('.row-active')?.scrollIntoView?.({ block: 'nearest' }); }, [active]);
  const rowClassName = useCallback((_r: R, i: number) => (i === active ? 'row-click row-active' : 'row-click'), [active]);
  return { active, rowClassName, help, setHelp };
}

/**
 * useQueueKeys for a paged antd Table: j / k move within the page shown, Enter opens the row; spread `pagination` on the
 * Table and use `rowClassName`.
 */
export function usePagedQueueKeys<R extends { id: string }>(rows: readonly R[], open: (r: R) => void, pageSize = 20) {
  const [page, setPage] = useState(1);
  useEffect(() => { setPage(1); }, [rows]);
  const shown = rows.slice((page - 1) * pageSize, page * pageSize);
  const keys = useQueueKeys(shown, open);
  return { ...keys, pagination: { pageSize, current: page, onChange: setPage, showSizeChanger: false } };
}

/** The ? button and its popover listing the shortcuts. */
export function ShortcutHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const rows: [string, string][] = [['j', t('queue.keys.down')], ['k', t('queue.keys.up')], ['Enter', t('queue.keys.open')], ['?', t('queue.keys.help')]];
  return (
    <Popover open={open} onOpenChange={onOpenChange} trigger="click" title={t('queue.keys.title')} content={
      <table className="keys-help"><tbody>{rows.map(([k, v]) => <tr key={k}><td><kbd>{k}</kbd></td><td>{v}</td></tr>)}</tbody></table>
    }>
      <Button aria-label={t('queue.keys.title')}>?</Button>
    </Popover>
  );
}

export interface SavedFilter { name: string; query: Record<string, string> }

/** Filters the user saved for one list (per user id, localStorage of this browser). */
export function useSavedFilters(list: string) {
  const { user } = useSession();
  const key = `yifa.filters.${user.id}.${list}`;
  const read = useCallback((): SavedFilter[] => {
    try { return JSON.parse(localStorage.getItem(key) ?? '[]') as SavedFilter[]; } catch { return []; }
  }, [key]);
  const [saved, setSaved] = useState<SavedFilter[]>(read);
  const write = (next: SavedFilter[]) => { localStorage.setItem(key, JSON.stringify(next)); setSaved(next); };
  return {
    saved,
    save: (f: SavedFilter) => write([...saved.filter((s) => s.name !== f.name), f].slice(-20)),
    remove: (name: string) => write(saved.filter((s) => s.name !== name)),
  };
}

/** The saved filters as a menu: apply one, save the current one, forget one. */
export function SavedFilters({ list, current, name, apply }: {
  list: string; current: Record<string, string>; name: string; apply: (q: Record<string, string>) => void;
}) {
  const { saved, save, remove } = useSavedFilters(list);
  return (
    <Dropdown trigger={['click']} menu={{
      items: [
        ...saved.map((s, i) => ({ key: `a${i}`, label: s.name })),
        ...(saved.length ? [{ type: 'divider' as const }] : []),
        { key: 'save', label: t('queue.filters.save', { name }) },
        ...saved.map((s, i) => ({ key: `d${i}`, label: t('queue.filters.remove', { name: s.name }), danger: true })),
      ],
      onClick: (e) => {
        if (e.key === 'save') save({ name, query: current });
        else if (e.key.startsWith('a')) apply(saved[Number(e.key.slice(1))].query);
        else remove(saved[Number(e.key.slice(1))].name);
      },
    }}>
      <Button data-testid="saved-filters">{t('queue.filters.title')}{saved.length ? `（${saved.length}）` : ''} ▾</Button>
    </Dropdown>
  );
}

export interface BatchResult { done: string[]; failed: { label: string; message: string }[] }

/** The same act on each case, one request each (its own Idempotency-Key); the results summarised, never stopped by one failure. */
export async function performEach(cases: readonly { id: string; label: string }[], action: string, input: Record<string, unknown> = {}): Promise<BatchResult> {
  const out: BatchResult = { done: [], failed: [] };
  for (const c of cases) {
    try {
      await api.post(`/api/v1/cases/${c.id}/actions`, { action, input }, { 'Idempotency-Key': newIdempotencyKey() });
      out.done.push(c.label);
    } catch (e) {
      out.failed.push({ label: c.label, message: e instanceof ApiError ? e.message : String(e) });
    }
  }
  return out;
}

export function BatchSummary({ r }: { r: BatchResult }) {
  return (
    <div>
      <Typography.Paragraph>{t('queue.batch.summary', { done: r.done.length, failed: r.failed.length })}</Typography.Paragraph>
      {r.failed.map((f) => <Typography.Paragraph key={f.label} type="danger">{f.label}：{f.message}</Typography.Paragraph>)}
    </div>
  );
}
