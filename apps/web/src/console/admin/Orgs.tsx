import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Empty, Form, Input, Modal, Progress, Row, Select, Space, Table, Timeline, Tree, TreeSelect, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { OrgKinds } from '@yifa/contracts/common/roles';
import { api, upload } from '../../lib/api.ts';
import { fmtDateTime, fmtValue } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { listOrgs, orgTree, type Org } from '../components/data.ts';
import { FormError, useFormSubmit } from '../components/forms.tsx';

export interface ImportResult { total: number; imported: number; rejected: { row: number; errors: { column: string; message: string }[] }[] }

/** Upload a CSV/XLSX with a progress bar; the server's rejected rows are listed. */
export function ImportCard({ path, help, onDone }: { path: string; help: string; onDone: () => void }) {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
      <Upload accept=".csv,.xlsx" showUploadList={false} customRequest={async ({ file }) => {
        setProgress(0); setResult(null);
        try { const r = await upload<ImportResult>(path, file as File, setProgress); setResult(r); onDone(); }
        catch (e) { message.error((e as Error).message); setProgress(null); }
      }}><Button>{t('import.choose')}</Button></Upload>
      {progress !== null && <Progress percent={progress} status={result ? 'success' : 'active'} />}
      {result && (
        <>
          <Alert type={result.rejected.length ? 'warning' : 'success'} showIcon
            title={t('import.summary', { total: result.total, imported: result.imported, rejected: result.rejected.length })} />
          {result.rejected.length > 0 && (
            <Table size="small" rowKey={(r) => `${r.row}-${r.column}`} pagination={{ pageSize: 10 }}
              dataSource={result.rejected.flatMap((r) => r.errors.map((e) => ({ row: r.row, ...e })))}
              columns={[{ title: t('import.row'), dataIndex: 'row', width: 70 }, { title: t('import.column'), dataIndex: 'column', width: 120 }, { title: t('import.message'), dataIndex: 'message' }]} />
          )}
        </>
      )}
    </Space>
  );
}

type Dlg = null | 'create' | 'rename' | 'move';

/** 机构: the org tree with effective-dated history; create, rename and move (from a date, with the reason), import. */
export default function Orgs() {
  const { message } = App.useApp();
  const [orgs, setOrgs] = useState<Org[]>([]);
  // The selection is an id: after a rename or move the list is reloaded and the card shows the new facts.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = useMemo(() => orgs.find((o) => o.id === selectedId) ?? null, [orgs, selectedId]);
  const [dlg, setDlg] = useState<Dlg>(null);
  const [history, setHistory] = useState<Record<string, unknown>[] | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [form] = Form.useForm();
  const { submit: send, busy, error: formError, setError: setFormError } = useFormSubmit(form, { opening: dlg });

  const load = useCallback(() => listOrgs().then(setOrgs, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); }, [load]);
  const tree = useMemo(() => orgTree(orgs), [orgs]);

  function open(d: Dlg) { form.resetFields(); setFormError(null); if (d === 'create' && selected) form.setFieldsValue({ parentId: selected.id, regionCode: selected.regionCode }); setDlg(d); }

  async function submit() {
    const ok = await send(async (v, keyFor) => {
      const date = (k: string) => (v[k] ? (v[k] as Dayjs).format('YYYY-MM-DD') : undefined);
      const headers = { 'Idempotency-Key': keyFor() };
      if (dlg === 'create') await api.post('/api/v1/orgs', { ...v, creditCode: v.creditCode || undefined, establishedOn: date('establishedOn') }, headers);
      if (dlg === 'rename') await api.post(`/api/v1/orgs/${selected?.id}/rename`, { ...v, effectiveFrom: date('effectiveFrom') }, headers);
      if (dlg === 'move') await api.post(`/api/v1/orgs/${selected?.id}/move`, { ...v, effectiveFrom: date('effectiveFrom') }, headers);
      return true;
    });
    if (!ok) return;
    message.success(t('common.saved'));
    setDlg(null);
    await load();
  }

  useEffect(() => {
    if (!selected) { setHistory(null); return; }
    type H = Record<string, unknown>[];
    let live = true;
    api.get<H | { versions?: H; items?: H }>(`/api/v1/orgs/${selected.id}/history`)
      .then((r) => { if (live) setHistory(Array.isArray(r) ? r : r.versions ?? r.items ?? []); }, () => { if (live) setHistory([]); });
    return () => { live = false; };
  }, [selected]);

  const kindOptions = Object.entries(OrgKinds).map(([value, label]) => ({ value, label }));

  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Card title={t('nav.orgs')} size="small" extra={<Space>
          <Button onClick={() => setImportOpen(true)}>{t('import.title')}</Button>
          <Button type="primary" onClick={() => open('create')}>{t('org.create')}</Button></Space>}>
          {tree.length ? <Tree key={orgs.length} treeData={tree} defaultExpandAll showLine blockNode
            selectedKeys={selectedId ? [selectedId] : []}
            onSelect={(keys) => { if (keys.length) setSelectedId(String(keys[0])); }} /> : <Empty />}
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={selected?.name ?? t('org.pick')} size="small" extra={selected && <Space>
          <Button onClick={() => open('rename')}>{t('org.rename')}</Button><Button onClick={() => open('move')}>{t('org.move')}</Button></Space>}>
          {selected ? (
            <>
              <Descriptions size="small" column={1} items={[
                { key: 'code', label: t('org.code'), children: selected.code },
                { key: 'kind', label: t('org.kind'), children: OrgKinds[selected.kind as keyof typeof OrgKinds] ?? selected.kind },
                { key: 'region', label: t('org.regionCode'), children: selected.regionCode },
                { key: 'credit', label: t('org.creditCode'), children: fmtValue(selected.creditCode) },
                { key: 'est', label: t('org.establishedOn'), children: fmtValue(selected.establishedOn) },
              ]} />
              <Typography.Title level={5}>{t('org.history')}</Typography.Title>
              <Timeline items={(history ?? []).map((h, i) => ({
                key: i,
                content: <div>
                  <strong>{fmtValue(h.name)}</strong>{h.parentName ? ` · ${t('org.parent')}：${fmtValue(h.parentName)}` : ''}
                  <div><Typography.Text type="secondary">{t('org.effectiveFrom')} {fmtValue(h.effectiveFrom ?? h.validFrom)}{h.reason ? ` · ${fmtValue(h.reason)}` : ''}{h.recordedAt || h.createdAt ? ` · ${fmtDateTime(String(h.recordedAt ?? h.createdAt))}` : ''}</Typography.Text></div>
                </div>,
              }))} />
            </>
          ) : <Empty description={t('org.pick')} />}
        </Card>
      </Col>
      <Modal open={!!dlg} title={dlg ? t(`org.${dlg}`) : ''} onCancel={() => setDlg(null)} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
        <FormError error={formError} />
        <Form form={form} layout="vertical">
          {dlg === 'create' && <>
            <Form.Item name="name" label={t('org.name')} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="code" label={t('org.code')} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}><Select options={kindOptions} /></Form.Item>
            <Form.Item name="parentId" label={t('org.parent')}><TreeSelect treeData={tree} allowClear treeDefaultExpandAll showSearch treeNodeFilterProp="title" /></Form.Item>
            <Form.Item name="regionCode" label={t('org.regionCode')} rules={[{ required: true }]}><Input maxLength={6} /></Form.Item>
            <Form.Item name="creditCode" label={t('org.creditCode')}><Input maxLength={18} /></Form.Item>
            <Form.Item name="establishedOn" label={t('org.establishedOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          </>}
          {dlg === 'rename' && <Form.Item name="name" label={t('org.newName')} rules={[{ required: true }]}><Input /></Form.Item>}
          {dlg === 'move' && <Form.Item name="parentId" label={t('org.newParent')} rules={[{ required: true }]}><TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" /></Form.Item>}
          {(dlg === 'rename' || dlg === 'move') && <>
            <Form.Item name="effectiveFrom" label={t('org.effectiveFrom')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="reason" label={t('org.reason')} rules={[{ required: true }]}><Input.TextArea /></Form.Item>
          </>}
        </Form>
      </Modal>
      <Drawer open={importOpen} title={t('import.title')} size={560} onClose={() => setImportOpen(false)} destroyOnHidden>
        <ImportCard path="/api/v1/orgs/import" help={t('org.importHelp')} onDone={() => void load()} />
      </Drawer>
    </Row>
  );
}
