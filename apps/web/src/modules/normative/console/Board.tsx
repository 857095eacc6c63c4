import { useCallback, useEffect, useRef, useState } from 'react';
import { App, AutoComplete, Button, Card, Checkbox, DatePicker, Drawer, Form, Input, Select, Space, Table, Tag } from 'antd';
import { api, ApiError, newIdempotencyKey } from '../../../lib/api.ts';
import { problemSummary, problemText, problemToFields } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate } from '../../../lib/router.ts';
import { ConsultationComments } from '../../../console/components/ConsultationComments.tsx';

interface Row { id: string; number: string; title: string; state: string; stateLabel: string; orgName: string; dueAt: string | null; warningLevel: string }
interface Options { issuers: { id: string; name: string }[]; docKinds: string[]; categories: string[] }
const LEVEL_COLOR: Record<string, string> = { normal: 'default', yellow: 'gold', red: 'red' };
const FAIR = ['不具有排除、限制竞争效果', '具有排除、限制竞争效果，已修改', '符合例外规定'];

/** The drafting org's 文件起草 board: its 规范性文件 in every step, a new draft, and the public comments on a draft to answer. */
export default function Board() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>([]);
  const [opts, setOpts] = useState<Options>({ issuers: [], docKinds: [], categories: [] });
  const [creating, setCreating] = useState(false);
  const [key, setKey] = useState('');
  const [comments, setComments] = useState<Row | null>(null);
  const [form] = Form.useForm();
  const market = Form.useWatch('affectsMarket', form) as boolean | undefined;
  const load = useCallback(() => api.get<{ items: Row[] }>('/api/v1/cases', { type: 'normative_document', limit: 200 })
    .then((r) => setRows(r.items), (e: Error) => message.error(e.message)), [message]);
  useEffect(() => {
    void load();
    api.get<Options>('/api/v1/normative/options').then(setOpts, () => undefined);
  }, [load]);
  const create = async () => {
    const v = await form.validateFields();
    const input: Record<string, unknown> = {
      title: v.title, issuerOrgId: v.issuerOrgId, docKind: v.docKind, category: v.category, draft: v.draft, explanation: v.explanation,
      bases: (v.bases ?? []).filter((b: { lawTitle?: string }) => b?.lawTitle)
        .map((b: { lawId?: string; lawTitle: string; article?: string }) => ({ lawTitle: b.lawTitle, ...(b.lawId ? { lawId: b.lawId } : {}),
          ...(b.article ? { article: b.article } : {}) })),
      affectsMarket: !!v.affectsMarket,
      ...(v.trial ? { trial: v.trial } : {}),
      ...(v.affectsMarket ? { fairCompetition: { conclusion: v.fcConclusion, reviewedOn: v.fcDate?.format('YYYY-MM-DD') } } : {}),
    };
    try {
      const r = await api.post<{ id: string }>('/api/v1/cases', { type: 'normative_document', input }, { 'Idempotency-Key': key });
      message.success(t('normative.created'));
      setCreating(false);
      navigate(`/console/cases/${r.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) { message.error(problemText(e)); return; }
      const { fields, other } = problemToFields(e, { rename: (n) => (n[0] === 'fairCompetition' ? [n[1] === 'reviewedOn' ? 'fcDate' : 'fcConclusion'] : n) });
      form.setFields(fields);
      const summary = problemSummary(e, fields, other);
      if (summary) message.error(summary);
    }
  };
  const closeComments = useCallback(() => setComments(null), []);
  return (
    <Card title={t('normative.board.title')} extra={<Button type="primary" onClick={() => { form.resetFields(); setKey(newIdempotencyKey()); setCreating(true); }}>
      {t('normative.board.new')}</Button>}>
      <Table rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} locale={{ emptyText: t('normative.board.empty') }} columns={[
        { title: t('normative.col.number'), dataIndex: 'number', width: 150 },
        { title: t('normative.col.title'), dataIndex: 'title' },
        { title: t('normative.col.state'), dataIndex: 'stateLabel', width: 130 },
        { title: '', dataIndex: 'warningLevel', width: 70, render: (l: string) => (l && l !== 'normal' ? <Tag color={LEVEL_COLOR[l]}>{l === 'red' ? '红牌' : '黄牌'}</Tag> : null) },
        { title: '', width: 170, render: (_: unknown, r: Row) => <Space>
          <a href={`/console/cases/${r.id}`}>{t('normative.board.open')}</a>
          <Button size="small" onClick={() => setComments(r)}>{t('normative.board.comments')}</Button>
        </Space> },
      ]} />
      <Drawer width={760} open={creating} title={t('normative.board.new')} onClose={() => setCreating(false)} destroyOnHidden
        extra={<Button type="primary" onClick={() => void create()}>{t('common.submit')}</Button>}>
        <Form form={form} layout="vertical" name="normative-new" initialValues={{ bases: [{}] }}>
          <Form.Item name="title" label={t('normative.field.title')} rules={[{ required: true, min: 4, message: t('normative.field.title') }]}><Input /></Form.Item>
          <Form.Item name="issuerOrgId" label={t('normative.field.issuer')} rules={[{ required: true, message: t('normative.field.issuer') }]}>
            <Select showSearch optionFilterProp="label" options={opts.issuers.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="docKind" label={t('normative.field.docKind')} rules={[{ required: true, message: t('normative.field.docKind') }]}>
              <Select style={{ width: 160 }} options={opts.docKinds.map((k) => ({ value: k, label: k }))} />
            </Form.Item>
            <Form.Item name="category" label={t('normative.field.category')} rules={[{ required: true, message: t('normative.field.category') }]}>
              <Select style={{ width: 200 }} options={opts.categories.map((k) => ({ value: k, label: k }))} />
            </Form.Item>
            <Form.Item name="trial" label={t('normative.field.trial')}>
              <Select allowClear style={{ width: 120 }} options={['试行', '暂行'].map((k) => ({ value: k, label: k }))} />
            </Form.Item>
          </Space>
          <Form.Item name="draft" label={t('normative.field.draft')} rules={[{ required: true, min: 20, message: t('normative.field.draft') }]}>
            <Input.TextArea rows={8} />
          </Form.Item>
          <Form.Item name="explanation" label={t('normative.field.explanation')} rules={[{ required: true, min: 10, message: t('normative.field.explanation') }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.List name="bases">{(fields, { add }) => (<>
            {fields.map((f) => (
              <Space key={f.key} align="start">
                <Form.Item name={[f.name, 'lawId']} hidden><Input /></Form.Item>
                <Form.Item name={[f.name, 'lawTitle']} label={t('normative.field.basisTitle')} style={{ width: 420 }}
                  extra={t('normative.field.basisHint')}>
                  <LawPicker onPick={(law) => form.setFieldValue(['bases', f.name, 'lawId'], law?.id)} />
                </Form.Item>
                <Form.Item name={[f.name, 'article']} label={t('normative.field.basisArticle')}><Input style={{ width: 160 }} /></Form.Item>
              </Space>
            ))}
            <Button onClick={() => add({})} style={{ marginBottom: 16 }}>{t('normative.field.addBasis')}</Button>
          </>)}</Form.List>
          <Form.Item name="affectsMarket" valuePropName="checked"><Checkbox>{t('normative.field.market')}</Checkbox></Form.Item>
          {market && <Space wrap>
            <Form.Item name="fcConclusion" label={t('normative.field.fcConclusion')} rules={[{ required: true, message: t('normative.field.fcConclusion') }]}>
              <Select style={{ width: 280 }} options={FAIR.map((k) => ({ value: k, label: k }))} />
            </Form.Item>
            <Form.Item name="fcDate" label={t('normative.field.fcDate')} rules={[{ required: true, message: t('normative.field.fcDate') }]}><DatePicker /></Form.Item>
          </Space>}
        </Form>
      </Drawer>
      <ConsultationComments target={comments} onClose={closeComments} />
    </Card>
  );
}

interface LawHit { id: string; title: string; status?: string }
/**
 * A 依据 from the 法律法规目录 (searched as typed: two characters are enough); picking one links the basis to the catalogue, so
 * a later 修改 or 废止 of that law flags the document for 清理. A title typed without picking stays free text (not linked).
 */
function LawPicker({ id, value, onChange, onPick }: { id?: string; value?: string; onChange?: (v: string) => void; onPick: (law: LawHit | null) => void }) {
  const [hits, setHits] = useState<LawHit[]>([]);
  const picked = useRef<string | null>(null);
  const search = useCallback((q: string) => {
    if (q.trim().length < 2) { setHits([]); return; }
    api.get<{ items: LawHit[] }>('/api/v1/laws', { q, limit: 20 }).then((r) => setHits(r.items), () => setHits([]));
  }, []);
  return (
    <AutoComplete id={id} value={value} options={hits.map((h) => ({ value: h.title, label: h.status ? `${h.title}（${h.status}）` : h.title, law: h }))}
      onSearch={search}
      onChange={(v: string) => { onChange?.(v); if (v !== picked.current) { picked.current = null; onPick(null); } }}
      onSelect={(_v: string, o: { law: LawHit }) => { picked.current = o.law.title; onChange?.(o.law.title); onPick(o.law); }} />
  );
}
