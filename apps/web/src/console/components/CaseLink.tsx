import { App, Typography } from 'antd';
import { api } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { navigate } from '../../lib/router.ts';

/**
 * A case number that opens its case page: every record behind a figure leads to its case. With the case's id the link
 * is direct; with only its number the case list (the viewer's own scope) finds it, so nobody reaches a case they may not see.
 */
export function CaseLink({ number, id }: { number: string; id?: string }) {
  const { message } = App.useApp();
  async function open() {
    if (id) { navigate(`/console/cases/${id}`); return; }
    try {
      const r = await api.get<{ items: { id: string; number: string }[] }>('/api/v1/cases', { q: number, limit: 5 });
      const hit = r.items.find((c) => c.number === number);
      if (hit) navigate(`/console/cases/${hit.id}`); else message.info(t('case.notVisible', { number }));
    } catch (e) { message.error((e as Error).message); }
  }
  return <Typography.Link data-testid="case-link" onClick={() => void open()}>{number}</Typography.Link>;
}
