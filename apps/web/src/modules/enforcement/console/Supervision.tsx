import { useEffect, useState } from 'react';
import { App, Card, Switch, Table, Tag, Space, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { CaseLink } from '../../../console/components/CaseLink.tsx';

interface Row {
  id: string; number: string; title: string; orgName: string; filedOn: string; decidedOn: string | null; flags: string[]; invalidCertificates: string[];
}

/** 行政执法监督 (司法局): every penalty case of the county, read-only, with what went wrong; 整改通知 are cases of their own. */
export default function Supervision() {
  const { message } = App.useApp();
  const [flagged, setFlagged] = useState(true);
  const [data, setData] = useState<{ total: number; items: Row[] }>({ total: 0, items: [] });
  useEffect(() => {
    api.get<{ total: number; items: Row[] }>('/api/v1/enforcement/supervision', { flagged: String(flagged), limit: 200 })
      .then(setData, (e: Error) => message.error(problemText(e)));
  }, [flagged, message]);
  return (
    <Card title={t('enforcement.supervision.title')}>
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={flagged} onChange={setFlagged} aria-label={t('enforcement.supervision.flagged')} /> {t('enforcement.supervision.flagged')}
        <Typography.Text type="secondary">{t('enforcement.decisions.total', { n: data.total })}</Typography.Text>
      </Space>
      <Table<Row> rowKey="id" size="small" dataSource={data.items} pagination={{ pageSize: 50 }} columns={[
        { key: 'number', title: t('enforcement.supervision.number'), render: (_, r) => <CaseLink id={r.id} number={r.number} /> },
        { key: 'title', dataIndex: 'title', title: t('enforcement.supervision.case') },
        { key: 'org', dataIndex: 'orgName', title: t('enforcement.col.org') },
        { key: 'filed', dataIndex: 'filedOn', title: t('enforcement.supervision.filedOn'), width: 110 },
        { key: 'decided', title: t('enforcement.decisions.decidedOn'), width: 110, render: (_, r) => r.decidedOn ?? '—' },
        { key: 'flags', title: t('enforcement.supervision.problems'), render: (_, r) => r.flags.map((f) => <Tag color="red" key={f}>{f}</Tag>) },
        { key: 'certs', title: t('enforcement.supervision.certs'), render: (_, r) => r.invalidCertificates.join('、') },
      ]} />
    </Card>
  );
}
