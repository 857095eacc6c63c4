import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Drawer, Form, Input, Row, Select, Space, Table, Timeline, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { fmtDateTime } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';
import { useCatalog, type Kb } from './data.ts';

interface KbEntry extends Kb { categoryCode: string | null; keywords: string; editedAt: string }
interface KbVersion { version: number; question: string; answer: string; basis: string; keywords: string; editedAt: string }

/**
 * 知识库 (admins): search the answers in force, add one, or revise one — a revision is a new version
 * (the old ones stay, shown in the history) and names the version it revises, so two admins editing
 * the same entry cannot overwrite each other silently.
 */
export default function KnowledgeBase() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { cats } = useCatalog();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<KbEntry[]>([]);
  const [editing, setEditing] = useState<KbEntry | null>(null);
  const [history, setHistory] = useState<KbVersion[] | null>(null);
  const { submit, busy, error, setError } = useFormSubmit(form, { prefixes: ['body'], opening: editing?.id ?? 'new' });
  const load = useCallback(() => api.get<KbEntry[]>('/api/v1/hotline/kb', q.trim() ? { q: q.trim() } : {})
    .then(setRows, (e: Error) => setError(e.message)), [q, setError]);
  useEffect(() => { void load(); }, [load]);
  const edit = (r: KbEntry | null) => {
    setEditing(r); setError(null); form.resetFields();
    if (r) form.setFieldsValue({ question: r.question, answer: r.answer, basis: r.basis, keywords: r.keywords, categoryCode: r.categoryCode ?? undefined });
  };
  async function save() {
    const r = await submit((v, keyFor) => {
      const body = {
        question: v.question ?? '', answer: v.answer ?? '', basis: v.basis ?? '', keywords: v.keywords ?? '', categoryCode: v.categoryCode || undefined,
      };
      const headers = { 'Idempotency-Key': keyFor() };
      return editing ? api.put<{ id: string; version: number }>(`/api/v1/hotline/kb/${editing.id}`, { ...body, version: editing.version }, headers)
        : api.post<{ id: string; version: number }>('/api/v1/hotline/kb', body, headers);
    });
    if (!r) return;
    message.success(t('hotline.kb.saved', { version: r.version }));
    edit(null); await load();
  }
  const leafs = cats.filter((c) => c.leaf).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }));
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Space style={{ marginBottom: 8 }}>
          <Input.Search allowClear aria-label={t('hotline.kb.search')} placeholder={t('hotline.kb.search')} onSearch={setQ} style={{ width: 320 }} />
          <Button onClick={() => edit(null)}>{t('hotline.kb.new')}</Button>
        </Space>
        <Table<KbEntry> rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} data-testid="kb-table"
          onRow={(r) => ({ onClick: () => edit(r), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('hotline.kb.question'), dataIndex: 'question' },
            { title: t('hotline.kb.category'), dataIndex: 'categoryCode', render: (c: string | null) => (c ? cats.find((x) => x.code === c)?.name ?? c : '—') },
            { title: t('hotline.kb.version'), dataIndex: 'version', width: 70 },
            { title: t('hotline.kb.editedAt'), dataIndex: 'editedAt', width: 150, render: fmtDateTime },
          ]} />
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={editing ? t('hotline.kb.revise', { version: editing.version }) : t('hotline.kb.add')}
          extra={editing && <Button size="small" onClick={() => api.get<KbVersion[]>(`/api/v1/hotline/kb/${editing.id}/versions`)
            .then(setHistory, (e: Error) => message.error(e.message))}>{t('hotline.kb.history')}</Button>}>
          <FormError error={error} />
          <Form form={form} layout="vertical" name="kb">
            <Form.Item name="question" label={t('hotline.kb.question')}><Input /></Form.Item>
            <Form.Item name="answer" label={t('hotline.kb.answer')}><Input.TextArea rows={5} /></Form.Item>
            <Form.Item name="basis" label={t('hotline.kb.basis')}><Input /></Form.Item>
            <Form.Item name="keywords" label={t('hotline.kb.keywords')}><Input /></Form.Item>
            <Form.Item name="categoryCode" label={t('hotline.kb.category')}>
              <Select allowClear showSearch optionFilterProp="label" options={leafs} />
            </Form.Item>
            <Button type="primary" loading={busy} onClick={() => void save()}>{editing ? t('hotline.kb.saveRevision') : t('common.save')}</Button>
          </Form>
        </Card>
      </Col>
      <Drawer open={!!history} onClose={() => setHistory(null)} title={t('hotline.kb.history')} size="large">
        <Timeline items={(history ?? []).map((h) => ({ key: h.version, children: (
          <div data-testid={`kb-version-${h.version}`}>
            <Typography.Text strong>{t('hotline.kb.versionN', { version: h.version })}</Typography.Text>{' '}
            <Typography.Text type="secondary">{fmtDateTime(h.editedAt)}</Typography.Text>
            <div>{h.question}</div><Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{h.answer}</Typography.Paragraph>
          </div>
        ) }))} />
      </Drawer>
    </Row>
  );
}
