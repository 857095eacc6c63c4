import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { listOrgs, type Org } from '../../../console/components/data.ts';
import { useSession } from '../../../console/session.ts';
import { AddItemModal } from './AddItemModal.tsx';
import { Diff } from './Diff.tsx';
import { ImportExport } from './ImportExport.tsx';
import { ProposeModal } from './ProposeModal.tsx';
import { POWER_TYPES, type Adjustment, type PowerItem } from '../types.ts';

const levelText = (r: PowerItem) => (r.level === 'county' ? t('powers.level.county') : t('powers.level.townshipKind', { kind: r.townshipKind ?? '' }));

/** 权责清单: search and filter, an item with its adjustment history, 提出调整 / 新增, import/export, two-date diff. */
export default function PowersList() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [q, setQ] = useState<{ q?: string; type?: string; level?: string }>({});
  const [data, setData] = useState<{ total: number; items: PowerItem[] }>({ total: 0, items: [] });
  const [detail, setDetail] = useState<{ item: PowerItem; history: Adjustment[] } | null>(null);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [proposeFor, setProposeFor] = useState<PowerItem | null>(null);
  const [adding, setAdding] = useState(false);
  const load = useCallback(() => api.get<{ total: number; items: PowerItem[] }>('/api/v1/powers/items', { ...q, limit: 500 })
    .then(setData, (e: Error) => message.error(e.message)), [q, message]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { listOrgs().then(setOrgs, () => undefined); }, []);
  const open = (id: string) => api.get<{ item: PowerItem; history: Adjustment[] }>(`/api/v1/powers/items/${id}`)
    .then(setDetail, (e: Error) => message.error(e.message));
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name;
  const mayPropose = can('powers.propose');
  return (
    <Card title={t('powers.list.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('powers.list.search')} aria-label={t('powers.list.search')} style={{ width: 240 }}
          onSearch={(v) => setQ({ ...q, q: v || undefined })} />
        <Select allowClear placeholder={t('powers.list.allTypes')} aria-label={t('powers.col.type')} style={{ width: 150 }}
          onChange={(v?: string) => setQ({ ...q, type: v })} options={POWER_TYPES.map((x) => ({ value: x, label: x }))} />
        <Select allowClear placeholder={t('powers.list.allLevels')} aria-label={t('powers.col.level')} style={{ width: 120 }}
          onChange={(v?: string) => setQ({ ...q, level: v })}
          options={[{ value: 'county', label: t('powers.level.county') }, { value: 'township', label: t('powers.level.township') }]} />
        {mayPropose && <Button type="primary" onClick={() => setAdding(true)}>{t('powers.list.add')}</Button>}
        <ImportExport canImport={can('powers.import')} onImported={() => void load()} />
        <Diff />
      </Space>
      <Typography.Paragraph type="secondary">{t('powers.list.count', { n: data.total })}</Typography.Paragraph>
      <Table rowKey="id" size="small" dataSource={data.items} pagination={{ pageSize: 20 }}
        onRow={(r) => ({ onClick: () => void open(r.id), style: { cursor: 'pointer' } })} columns={[
        { title: t('powers.col.code'), dataIndex: 'code', width: 110 }, { title: t('powers.col.name'), dataIndex: 'name' },
        { title: t('powers.col.type'), dataIndex: 'type', width: 110 }, { title: t('powers.col.org'), dataIndex: 'orgName' },
        { title: t('powers.col.level'), dataIndex: 'level', width: 110, render: (_: string, r) => levelText(r) },
        {
          title: t('powers.col.delegated'), dataIndex: 'delegatedTo', width: 80,
          render: (d: string[]) => (d.length ? <Tag color="blue">{d.length}</Tag> : ''),
        },
        { title: t('powers.col.status'), dataIndex: 'status', width: 80, render: (s: string) => t(`powers.status.${s}`) },
      ]} />
      <Drawer size={640} open={!!detail} onClose={() => setDetail(null)} title={detail ? `${detail.item.code} ${detail.item.name}` : ''}
        extra={detail && mayPropose ? <Button onClick={() => setProposeFor(detail.item)}>{t('powers.list.propose')}</Button> : null}>
        {detail && <>
          <Descriptions column={1} size="small" bordered items={[
            { key: 't', label: t('powers.col.type'), children: detail.item.type },
            { key: 'o', label: t('powers.col.org'), children: orgName(detail.item.orgId) },
            { key: 'b', label: t('powers.col.basis'), children: `${detail.item.basisLaw}${detail.item.basisArticle}` },
            { key: 'd', label: t('powers.col.duties'), children: detail.item.duties.join('、') },
            { key: 'dl', label: t('powers.col.delegated'), children: detail.item.delegatedTo.map(orgName).join('、') || '—' },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('powers.list.history')}</Typography.Title>
          <Timeline items={detail.history.map((h) => ({
            key: h.id,
            content: <div>
              <b>{h.effectiveOn}</b> {t(`powers.kind.${h.kind}`)} · {t(`powers.adj.${h.status}`)}
              <div>{h.reason}{h.documentNo ? `（${h.documentNo}）` : ''}</div>
              <Typography.Text type="secondary">{h.proposedByName}{h.decidedByName ? ` → ${h.decidedByName}：${h.decisionNote ?? ''}` : ''}</Typography.Text>
            </div>,
          }))} />
        </>}
      </Drawer>
      <ProposeModal item={proposeFor} orgs={orgs} onClose={() => setProposeFor(null)} />
      <AddItemModal open={adding} orgs={orgs} onClose={() => setAdding(false)} />
    </Card>
  );
}
