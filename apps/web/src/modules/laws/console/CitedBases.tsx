import { useEffect, useState } from 'react';
import { List, Tag, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { STATUS_COLOR } from './types.ts';

interface Basis { id: string; title: string; article: string; status: string; flagReason: string | null; resolvedAt: string | null }

/** The bases a case's document cites, each with its status on `on` (the draft's date) and any open basis-change flag. */
export function CitedBases({ caseId, on }: { caseId: string; on?: string }) {
  const [items, setItems] = useState<Basis[] | null>(null);
  useEffect(() => {
    api.get<{ items: Basis[] }>('/api/v1/laws/citations', { caseId, on }).then((r) => setItems(r.items), () => setItems([]));
  }, [caseId, on]);
  if (!items?.length) return null;
  return (
    <>
      <Typography.Title level={5}>{t('laws.cited.title', { on: on ?? '' })}</Typography.Title>
      <List size="small" dataSource={items} renderItem={(b) => (
        <List.Item>
          《{b.title}》{b.article} <Tag color={STATUS_COLOR[b.status]}>{b.status}</Tag>
          {b.flagReason && !b.resolvedAt && <Tag color="red">{b.flagReason}</Tag>}
        </List.Item>
      )} />
    </>
  );
}
