import { useEffect, useState } from 'react';
import { App, Card, Input, Table, Tag } from 'antd';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';

interface Officer {
  id: string; certNo: string; name: string; orgName: string; fields: string[]; category: string; status: string; trainingHours: number;
  issuedOn: string; expiresOn: string; valid: boolean;
}

/** 执法人员 and their certificates: validity today (status and dates), fields, training hours. */
export default function Officers() {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Officer[]>([]);
  useEffect(() => {
    api.get<{ items: Officer[] }>('/api/v1/enforcement/officers', { q: q || undefined }).then((r) => setRows(r.items), (e: Error) => message.error(e.message));
  }, [q, message]);
  return (
    <Card title={t('enforcement.officers.title')} extra={<Input.Search allowClear placeholder={t('enforcement.officers.search')} onSearch={setQ} />}>
      <Table<Officer> rowKey="id" dataSource={rows} size="small" pagination={{ pageSize: 50 }} columns={[
        { key: 'certNo', dataIndex: 'certNo', title: t('enforcement.col.certNo') },
        { key: 'name', dataIndex: 'name', title: t('enforcement.col.name') },
        { key: 'org', dataIndex: 'orgName', title: t('enforcement.col.org') },
        { key: 'fields', title: t('enforcement.col.fields'), render: (_, r) => r.fields.join('、') },
        { key: 'category', dataIndex: 'category', title: t('enforcement.col.category') },
        { key: 'validity', title: t('enforcement.col.validity'), render: (_, r) => `${r.issuedOn} — ${r.expiresOn}` },
        { key: 'status', title: t('enforcement.col.status'), render: (_,
          r) => <Tag color={r.valid ? 'green' : 'red'}>{r.status} · {t(r.valid ? 'enforcement.valid' : 'enforcement.invalid')}</Tag> },
        { key: 'hours', dataIndex: 'trainingHours', title: t('enforcement.col.hours') },
      ]} />
    </Card>
  );
}
