import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Table } from 'antd';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { listOrgs, type Org } from '../../../console/components/data.ts';
import { useAbility } from '../../../console/session.ts';
import { ServiceEditor, type ServiceFull } from './ServiceEditor.tsx';
import type { PowerItem } from '../types.ts';

/** 政务服务事项: the service catalogue derived from the 权责清单; editing needs powers.propose. */
export default function Services() {
  const { message } = App.useApp();
  const canEdit = useAbility('powers.propose');
  const [rows, setRows] = useState<ServiceFull[]>([]);
  const [powers, setPowers] = useState<PowerItem[]>([]);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [edit, setEdit] = useState<ServiceFull | null>(null);
  const load = useCallback(() => api.get<ServiceFull[]>('/api/v1/powers/services').then(setRows, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => {
    void load();
    api.get<{ items: PowerItem[] }>('/api/v1/powers/items', { status: 'active', limit: 500 }).then((r) => setPowers(r.items), () => undefined);
    listOrgs().then(setOrgs, () => undefined);
  }, [load]);
  return (
    <Card title={t('powers.services.title')}>
      <Table rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} columns={[
        { title: t('powers.col.code'), dataIndex: 'code', width: 100 }, { title: t('powers.col.name'), dataIndex: 'name' },
        { title: t('powers.services.power'), dataIndex: 'powerCode', width: 100 }, { title: t('powers.col.org'), dataIndex: 'orgName' },
        {
          title: t('powers.services.statutory'), dataIndex: 'statutoryDays', width: 110,
          render: (n: number, s: ServiceFull) => (s.jointMode ? t('powers.services.withMode', { n, mode: s.jointMode }) : n),
        },
        { title: t('powers.services.promised'), dataIndex: 'promisedDays', width: 90 },
        { title: t('powers.services.materials'), render: (_: unknown, s) => s.materials.length, width: 70 },
        { title: t('powers.col.status'), dataIndex: 'status', width: 80, render: (x: string) => t(`powers.status.${x}`) },
        ...(canEdit ? [{
          title: '', key: 'edit', width: 80,
          render: (_: unknown, s: ServiceFull) => <Button size="small" onClick={() => setEdit(s)}>{t('powers.services.edit')}</Button>,
        }] : []),
      ]} />
      <ServiceEditor service={edit} powers={powers} orgs={orgs} onClose={() => setEdit(null)} onSaved={() => { setEdit(null); void load(); }} />
    </Card>
  );
}
