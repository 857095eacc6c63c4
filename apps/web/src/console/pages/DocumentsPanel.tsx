import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Modal, Radio, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { api, ApiError, download, newIdempotencyKey } from '../../lib/api.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';

interface Kind { kind: string; label: string; basis: string; after: string[]; issuable: boolean; reason: string | null; canIssue: boolean }
interface Issued {
  id: string; kind: string; label: string; title: string; number: string; issuedAt: string; issuedByName: string; sm3: string; size: number;
  filename: string; prints: number;
}
interface DocumentsView { pdf: { available: boolean; message: string | null }; kinds: Kind[]; issued: Issued[] }

/**
 * The 文书 panel of the case page: the kinds the case type declares (issue when its step has been taken, else the
 * reason), and what was issued — the stored original as DOCX or PDF, and 补打 (a marked, counted reprint).
 */
export function DocumentsPanel({ caseId, version }: { caseId: string; version: number }) {
  const { message, modal } = App.useApp();
  const [view, setView] = useState<DocumentsView | null>(null);
  const [reprinting, setReprinting] = useState<Issued | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ format: 'docx' | 'pdf'; reason?: string }>();
  const [reprintKey, setReprintKey] = useState('');

  const load = useCallback(async () => {
    try { setView(await api.get<DocumentsView>(`/api/v1/cases/${caseId}/documents`)); }
    catch (e) { if (!(e instanceof ApiError && e.status === 404)) message.error((e as Error).message); }
  }, [caseId, message]);
  // Reloaded after every action on the case (a step may make a document issuable).
  useEffect(() => { void load(); }, [load, version]);

  if (!view || (!view.kinds.length && !view.issued.length)) return null;

  function issue(k: Kind) {
    const key = newIdempotencyKey(); // one per confirmation: a double click issues once
    modal.confirm({
      title: t('doc.issueTitle', { label: k.label }), content: t('doc.issueConfirm', { label: k.label }),
      onOk: async () => {
        try {
          const d = await api.post<Issued>(`/api/v1/cases/${caseId}/documents`, { kind: k.kind }, { 'Idempotency-Key': key });
          message.success(t('doc.issuedOk', { number: d.number }));
          await load();
        } catch (e) {
          modal.error({ title: e instanceof ApiError ? e.title : t('common.requestFailed'), content: e instanceof ApiError ? e.text : (e as Error).message });
          await load();
        }
      },
    });
  }

  async function reprint() {
    if (!reprinting) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await download(`/api/v1/documents/${reprinting.id}/reprints`, {}, reprinting.filename,
        { body: { format: v.format, reason: v.reason?.trim() || undefined }, headers: { 'Idempotency-Key': reprintKey } });
      message.success(t('doc.reprinted', { n: reprinting.prints + 1 }));
      setReprinting(null);
      await load();
    } catch (e) { message.error(e instanceof ApiError ? e.text : (e as Error).message); }
    finally { setBusy(false); }
  }

  // What can be issued now first; the others as tags saying why not (their step is still to come, or another post issues them).
  const ready = view.kinds.filter((k) => k.issuable && k.canIssue);
  const others = view.kinds.filter((k) => !(k.issuable && k.canIssue));
  const file = (d: Issued, format: 'docx' | 'pdf') => `/api/v1/documents/${d.id}/file?format=${format}`;
  return (
    <Card title={t('doc.panel')} size="small" style={{ marginTop: 16 }} data-testid="documents">
      {!view.pdf.available && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('doc.noPdf')} />}
      {view.kinds.length > 0 && (
        <>
          <Typography.Text strong>{t('doc.mayIssue')}</Typography.Text>
          <List size="small" dataSource={ready} data-testid="document-kinds" locale={{ emptyText: t('doc.noneReady') }} renderItem={(k) => (
            <List.Item actions={[
              <Button key="issue" size="small" type="primary" onClick={() => issue(k)} aria-label={t('doc.issueTitle', { label: k.label })}>
                {t('doc.issue')}
              </Button>,
            ]}>
              <List.Item.Meta title={k.label} description={<Tooltip title={k.basis}><span>{t('doc.after', { steps: k.after.join('、') })}</span></Tooltip>} />
            </List.Item>
          )} />
          {others.length > 0 && (
            <div style={{ marginTop: 8 }} data-testid="document-kinds-later">
              <Typography.Text type="secondary">{t('doc.others')}：</Typography.Text>
              {others.map((k) => (
                <Tooltip key={k.kind} title={!k.canIssue ? t('doc.noRole') : k.reason}><Tag style={{ marginBottom: 4 }}>{k.label}</Tag></Tooltip>
              ))}
            </div>
          )}
        </>
      )}
      <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>{t('doc.issued')}</Typography.Text>
      <Table<Issued> rowKey="id" size="small" pagination={false} dataSource={view.issued} locale={{ emptyText: t('doc.noneIssued') }}
        data-testid="documents-issued"
        columns={[
          { title: t('doc.kind'), dataIndex: 'label' },
          { title: t('doc.number'), dataIndex: 'number', render: (n: string, d) => <Tooltip title={t('doc.sm3', { sm3: d.sm3 })}><span>{n}</span></Tooltip> },
          {
            title: t('doc.issuedAt'), key: 'at',
            render: (_, d) => <>{fmtDateTime(d.issuedAt)}<br /><Typography.Text type="secondary">{d.issuedByName}</Typography.Text></>,
          },
          { title: t('doc.prints'), dataIndex: 'prints', render: (n: number) => (n ? <Tag>{t('doc.printsN', { n })}</Tag> : '—') },
          {
            title: '', key: 'op', render: (_, d) => (
              <Space size={4} wrap>
                <a href={file(d, 'docx')} download>{t('doc.docx')}</a>
                {view.pdf.available ? <a href={file(d, 'pdf')} target="_blank" rel="noopener">{t('doc.pdf')}</a>
                  : <Tooltip title={view.pdf.message}><Typography.Text type="secondary">{t('doc.pdf')}</Typography.Text></Tooltip>}
                <Button size="small" onClick={() => {
                  setReprintKey(newIdempotencyKey());
                  setReprinting(d);
                }}>{t('doc.reprint')}</Button>
              </Space>
            ),
          },
        ]} />
      <Modal open={!!reprinting} title={reprinting ? t('doc.reprintTitle', { number: reprinting.number }) : ''} onCancel={() => setReprinting(null)}
        onOk={() => void reprint()} confirmLoading={busy} okText={t('doc.reprint')} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('doc.reprintHelp')}</Typography.Paragraph>
        <Form form={form} layout="vertical" name="reprint" initialValues={{ format: view.pdf.available ? 'pdf' : 'docx', reason: '' }}>
          <Form.Item name="format" label={t('doc.reprintFormat')}>
            <Radio.Group options={[{ value: 'pdf', label: t('doc.pdf'), disabled: !view.pdf.available }, { value: 'docx', label: t('doc.docx') }]} />
          </Form.Item>
          <Form.Item name="reason" label={t('doc.reprintReason')}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
