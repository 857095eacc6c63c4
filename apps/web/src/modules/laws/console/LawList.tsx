import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Input, Modal, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, download, newIdempotencyKey, upload } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { useSession } from '../../../console/session.ts';
import { LawForm } from './LawForm.tsx';
import { STATUS_COLOR, type Citation, type Law } from './types.ts';

interface Report {
  total: number; imported: number; added: number; updated: number; flagged: number; rejected: { row: number; errors: { column: string; message: string }[] }[];
}
interface Options { levels: string[]; statuses: string[] }

const statusTag = (s: string) => <Tag color={STATUS_COLOR[s]}>{s}</Tag>;

/** 法律法规目录: search (two-character words), filter by level and status on a date, import/export, 新增/修改, 登记修改/废止, the documents citing a law. */
export default function LawList() {
  const { message } = App.useApp();
  const { can } = useSession();
  const manage = can('laws.manage');
  const [opts, setOpts] = useState<Options>({ levels: [], statuses: [] });
  const [q, setQ] = useState<{ q?: string; level?: string; status?: string; on?: string }>({});
  const [data, setData] = useState<{ total: number; items: Law[] }>({ total: 0, items: [] });
  const [detail, setDetail] = useState<{ law: Law; citations: Citation[] } | null>(null);
  const [editing, setEditing] = useState<{ law: Law | null } | null>(null);
  const [act, setAct] = useState<{ kind: 'amend' | 'repeal'; on: Dayjs | null; key: string } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => api.get<{ total: number; items: Law[] }>('/api/v1/laws', { ...q, limit: 500 })
    .then(setData, (e: Error) => message.error(problemText(e))), [q, message]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { api.get<Options>('/api/v1/laws/levels').then(setOpts, () => undefined); }, []);
  const open = (id: string) => api.get<{ law: Law; citations: Citation[] }>(`/api/v1/laws/${id}`).then(setDetail, (e: Error) => message.error(problemText(e)));

  async function doImport(file: File) {
    setBusy(true); setReport(null);
    try { setReport(await upload<Report>('/api/v1/laws/import', file)); void load(); } catch (e) { message.error(problemText(e)); } finally { setBusy(false); }
  }
  async function doAct() {
    if (!detail || !act?.on) return;
    try {
      const r = await api.post<{ flagged: number }>(`/api/v1/laws/${detail.law.id}/${act.kind}`, { on: act.on.format('YYYY-MM-DD') },
        { 'Idempotency-Key': act.key });
      message.success(r.flagged ? t('laws.flagged', { n: r.flagged }) : t('laws.saved'));
      setAct(null);
      void open(detail.law.id); void load();
    } catch (e) { message.error(problemText(e)); }
  }
  return (
    <Card title={t('laws.list.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('laws.list.search')} aria-label={t('laws.list.search')} style={{ width: 300 }}
          onSearch={(v) => setQ({ ...q, q: v || undefined })} />
        <Select allowClear placeholder={t('laws.list.allLevels')} aria-label={t('laws.col.level')} style={{ width: 160 }}
          onChange={(v?: string) => setQ({ ...q, level: v })} options={opts.levels.map((x) => ({ value: x, label: x }))} />
        <Select allowClear placeholder={t('laws.list.allStatuses')} aria-label={t('laws.col.status')} style={{ width: 130 }}
          onChange={(v?: string) => setQ({ ...q, status: v })} options={opts.statuses.map((x) => ({ value: x, label: x }))} />
        <DatePicker placeholder={t('laws.list.on')} aria-label={t('laws.list.on')} onChange={(d) => setQ({ ...q,
          on: d ? d.format('YYYY-MM-DD') : undefined })} />
        {manage && <Button type="primary" onClick={() => setEditing({ law: null })}>{t('laws.list.add')}</Button>}
        <Button onClick={() => void download('/api/v1/laws/export.xlsx', {}, `${t('laws.list.title')}.xlsx`)}>{t('laws.io.export')}</Button>
        {manage && <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => { void doImport(f); return false; }}>
          <Button loading={busy}>{t('laws.io.import')}</Button>
        </Upload>}
      </Space>
      {busy && <Progress percent={50} status="active" size="small" />}
      {report && <Card size="small" style={{ marginBottom: 12 }} title={t('laws.io.imported', { imported: report.imported, added: report.added,
        updated: report.updated,
        rejected: report.rejected.length, total: report.total })}>
        <Typography.Paragraph type="secondary">{t('laws.io.layout')}</Typography.Paragraph>
        {report.flagged > 0 && <Typography.Paragraph>{t('laws.io.flagged', { n: report.flagged })}</Typography.Paragraph>}
        {report.rejected.slice(0, 200).map((r) => (
          <div key={r.row}>{t('laws.io.rejectedRow', { row: r.row, errors: r.errors.map((e) => `${e.column} ${e.message}`).join('；') })}</div>
        ))}
      </Card>}
      <Typography.Paragraph type="secondary">{t('laws.list.count', { n: data.total })}</Typography.Paragraph>
      <Table rowKey="id" size="small" dataSource={data.items} pagination={{ pageSize: 20 }}
        onRow={(r) => ({ onClick: () => void open(r.id), style: { cursor: 'pointer' } })} columns={[
          { title: t('laws.col.title'), dataIndex: 'title' }, { title: t('laws.col.level'), dataIndex: 'level', width: 110 },
          { title: t('laws.col.issuer'), dataIndex: 'issuer', width: 200 },
          { title: t('laws.col.promulgatedOn'), dataIndex: 'promulgatedOn', width: 110 }, { title: t('laws.col.effectiveOn'),
            dataIndex: 'effectiveOn', width: 110 },
          { title: t('laws.col.status'), dataIndex: 'status', width: 90, render: statusTag },
          { title: t('laws.col.openFlags'), dataIndex: 'openFlags', width: 100, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : '') },
        ]} />
      <Drawer size={720} open={!!detail} onClose={() => setDetail(null)} title={detail?.law.title}
        extra={detail && manage ? <Space>
          <Button onClick={() => setEditing({ law: detail.law })}>{t('laws.edit')}</Button>
          <Button onClick={() => setAct({ kind: 'amend', on: null, key: newIdempotencyKey() })}>{t('laws.amend')}</Button>
          {!detail.law.repealedOn && <Button danger onClick={() => setAct({ kind: 'repeal', on: null, key: newIdempotencyKey() })}>{t('laws.repeal')}</Button>}
        </Space> : null}>
        {detail && <>
          <Descriptions column={1} size="small" bordered items={[
            { key: 'i', label: t('laws.col.issuer'), children: detail.law.issuer }, { key: 'l', label: t('laws.col.level'), children: detail.law.level },
            { key: 'n', label: t('laws.col.docNo'), children: detail.law.docNo || t('laws.none') },
            { key: 'p', label: t('laws.col.promulgatedOn'), children: detail.law.promulgatedOn }, { key: 'e', label: t('laws.col.effectiveOn'),
              children: detail.law.effectiveOn },
            { key: 'a', label: t('laws.col.amendedOn'), children: detail.law.amendedOn.join('、') || t('laws.none') },
            { key: 'r', label: t('laws.col.repealedOn'), children: detail.law.repealedOn ?? t('laws.none') },
            { key: 's', label: t('laws.col.status'), children: statusTag(detail.law.status) },
            { key: 'x', label: t('laws.col.note'), children: detail.law.note || t('laws.none') },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('laws.citations')}</Typography.Title>
          <Table rowKey="id" size="small" dataSource={detail.citations} pagination={false} columns={[
            { title: t('laws.citation.case'), dataIndex: 'caseTitle', render: (v: string,
              r: Citation) => <a href={`/console/cases/${r.caseId}`}>{r.caseNumber} {v}</a> },
            { title: t('laws.citation.article'), dataIndex: 'article', width: 90 },
            { title: t('laws.citation.effectiveOn'), dataIndex: 'effectiveOn', width: 110, render: (v: string | null) => v ?? t('laws.none') },
            { title: t('laws.citation.flag'), dataIndex: 'flagReason', width: 140,
              render: (v: string | null, r: Citation) => (v
                ? <Tag color={r.resolvedAt ? 'default' : 'red'}>{r.resolvedAt ? `${v}（${t('laws.flags.resolved')}）` : v}</Tag> : '') },
          ]} />
        </>}
      </Drawer>
      <LawForm open={!!editing} law={editing?.law ?? null} levels={opts.levels}
        onClose={(saved) => { setEditing(null); if (saved) { void load(); if (detail) void open(detail.law.id); } }} />
      <Modal open={!!act} title={act?.kind === 'repeal' ? t('laws.repeal') : t('laws.amend')} onOk={() => void doAct()} onCancel={() => setAct(null)}
        okButtonProps={{ disabled: !act?.on }} destroyOnHidden>
        <DatePicker aria-label={act?.kind === 'repeal' ? t('laws.repealOn') : t('laws.amendOn')}
          placeholder={act?.kind === 'repeal' ? t('laws.repealOn') : t('laws.amendOn')}
          value={act?.on ?? null} onChange={(d) => act && setAct({ ...act, on: d })} maxDate={dayjs().add(10, 'year')} />
      </Modal>
    </Card>
  );
}
