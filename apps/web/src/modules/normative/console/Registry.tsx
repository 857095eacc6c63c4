import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { api, download, upload } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { useSession } from '../../../console/session.ts';

interface Row {
  id: string; regNo: string; docNo: string | null; title: string; orgName: string; stateLabel: string; publishedOn: string | null; effectiveOn: string | null;
  validUntil: string | null; filingStatus: string | null; basisChanged: string | null; versionNo: number;
}
interface Report { imported: number; rejected: number; errors: { row: number; column: string; message: string }[] }

/** 登记簿: the county's registered 规范性文件, filtered by words, org, state and year; XLSX export (Beijing time) and import. */
export default function Registry() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [rows, setRows] = useState<Row[]>([]);
  const [total, setTotal] = useState(0);
  const [states, setStates] = useState<{ value: string; label: string }[]>([]);
  const [orgs, setOrgs] = useState<{ id: string; name: string }[]>([]);
  const [f, setF] = useState<{ q?: string; orgId?: string; state?: string; year?: number }>({});
  const [report, setReport] = useState<Report | null>(null);
  const query = useCallback(() => ({ q: f.q || undefined, orgId: f.orgId, state: f.state, year: f.year }), [f]);
  const load = useCallback(() => api.get<{ total: number; items: Row[]; states: { value: string; label: string }[] }>('/api/v1/normative/registry', { ...query(), limit: 500 })
    .then((r) => { setRows(r.items); setTotal(r.total); setStates(r.states); }, (e: Error) => message.error(problemText(e))), [query, message]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { api.get<{ issuers: { id: string; name: string }[] }>('/api/v1/normative/options').then((o) => setOrgs(o.issuers), () => undefined); }, []);
  const doImport = async (file: File) => {
    try {
      setReport(await upload<Report>('/api/v1/normative/registry/import', file));
      void load();
    } catch (e) { message.error(problemText(e)); }
  };
  return (
    <Card title={t('normative.registry.title')} extra={<Space>
      <Button onClick={() => void download('/api/v1/normative/registry', { ...query(), format: 'xlsx' }, `${t('normative.registry.title')}.xlsx`)}>{t('common.exportXlsx')}</Button>
      {can('normative.manage') && <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(file) => { void doImport(file); return false; }}>
        <Button>{t('normative.registry.import')}</Button>
      </Upload>}
    </Space>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search aria-label={t('normative.filter.q')} placeholder={t('normative.filter.q')} allowClear onSearch={(q) => setF({ ...f, q })} style={{ width: 240 }} />
        <Select aria-label={t('normative.filter.org')} placeholder={t('normative.filter.org')} allowClear style={{ width: 220 }} value={f.orgId}
          onChange={(orgId) => setF({ ...f, orgId })} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
        <Select aria-label={t('normative.filter.state')} placeholder={t('normative.filter.state')} allowClear style={{ width: 160 }} value={f.state}
          onChange={(state) => setF({ ...f, state })} options={states} />
        <InputNumber aria-label={t('normative.filter.year')} placeholder={t('normative.filter.year')} min={1990} max={2100} value={f.year}
          onChange={(year) => setF({ ...f, year: year ?? undefined })} />
      </Space>
      {report && <Card size="small" style={{ marginBottom: 12 }} title={t('normative.registry.imported', { imported: report.imported, rejected: report.rejected })}>
        {report.errors.slice(0, 200).map((e, i) => <Typography.Text key={i} type="danger" style={{ display: 'block' }}>
          {t('normative.registry.rejectedRow', { row: e.row, column: e.column, message: e.message })}</Typography.Text>)}
      </Card>}
      <Typography.Paragraph type="secondary">{t('normative.library.total', { n: total })}</Typography.Paragraph>
      <Table rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 50 }} scroll={{ x: 1280 }} columns={[
        { title: t('normative.col.regNo'), dataIndex: 'regNo', width: 150 },
        { title: t('normative.col.docNo'), dataIndex: 'docNo', width: 170 },
        { title: t('normative.col.title'), dataIndex: 'title', width: 320, render: (v: string, r: Row) => <a href={`/console/cases/${r.id}`}>{v}</a> },
        { title: t('normative.col.org'), dataIndex: 'orgName', width: 180 },
        { title: t('normative.col.state'), dataIndex: 'stateLabel', width: 100 },
        { title: t('normative.col.publishedOn'), dataIndex: 'publishedOn', width: 110 },
        { title: t('normative.col.validUntil'), dataIndex: 'validUntil', width: 110 },
        { title: t('normative.col.filing'), dataIndex: 'filingStatus', width: 150 },
        { title: t('normative.col.basisChanged'), dataIndex: 'basisChanged', width: 150,
          render: (v: string | null) => (v ? <Tag color="orange">{v}</Tag> : null) },
      ]} />
    </Card>
  );
}
