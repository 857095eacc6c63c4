import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Menu, Row, Space, Spin, Tag, Timeline, Tooltip, TreeSelect, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { fillTemplate, renderDocNo, sampleValues, templateProblems, type PlaceholderDef, type TemplateBlock } from '@yifa/contracts/documents/template';
import { api, ApiError, download } from '../../lib/api.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { useQueryState } from '../../lib/router.ts';
import { listOrgs, orgTree, type Org } from '../components/data.ts';
import { FormError, useFormSubmit } from '../components/forms.tsx';
import { useToday } from '../session.ts';

interface Template { title: string; docNo: string; body: string; docNoByOrg: Record<string, string> }
interface KindView {
  kind: string; label: string; module: string; moduleLabel: string; caseTypeLabel: string; after: string[]; basis: string;
  placeholders: Record<string, PlaceholderDef>; template: Template; defaults: Omit<Template, 'docNoByOrg'>;
  version: number; source: 'default' | 'county'; setAt: string | null; setByName: string | null;
  history?: (Template & { version: number; setAt: string; setByName: string; reason: string | null })[];
}
interface FormValues { title: string; docNo: string; body: string; byOrg?: { orgId?: string; rule?: string }[]; reason?: string }

const FANGSONG = '"仿宋_GB2312", "FangSong", "STFangsong", serif';
const XBS = '"方正小标宋简体", "SimSun", "Songti SC", serif';
const PAGE = { background: '#fff', border: '1px solid #d9d9d9', padding: '28px 32px', fontFamily: FANGSONG, fontSize: 15, color: '#000' };
const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];

/** The filled template as a page in the 公文 layout (what the DOCX shows), at screen size. */
interface PreviewProps { masthead: string; docNo: string; title: string; blocks: TemplateBlock[]; signer: string; date: string }
function Preview({ masthead, docNo, title, blocks, signer, date }: PreviewProps) {
  const p = { textIndent: '2em', margin: 0, lineHeight: 1.8 };
  return (
    <div data-testid="document-preview" style={PAGE}>
      <div style={{ textAlign: 'center', color: '#d00', fontFamily: XBS, fontSize: 24 }}>{masthead}</div>
      <div style={{ textAlign: 'center', marginTop: 8 }}>{docNo}</div>
      <div style={{ borderBottom: '2px solid #d00', margin: '6px 0 16px' }} />
      <div style={{ textAlign: 'center', fontFamily: XBS, fontSize: 21, marginBottom: 12 }}>{title}</div>
      {blocks.map((b, i) => {
        if (b.kind === 'table') {
          return (
            <table key={i} style={{ borderCollapse: 'collapse', width: '100%', margin: '8px 0', fontSize: 13 }}>
              <tbody>{b.rows.map((r, j) => <tr key={j}>{r.map((c, k) => (
                <td key={k} style={{ border: '1px solid #000', padding: '6px 8px', whiteSpace: 'pre-wrap', textAlign: k === 0 ? 'center' : 'left' }}>{c}</td>
              ))}</tr>)}</tbody>
            </table>
          );
        }
        const style = b.kind === 'flush' ? { ...p, textIndent: 0 } : b.kind === 'h1' ? { ...p, fontFamily: '"黑体", "SimHei", sans-serif' }
          : b.kind === 'h2' ? { ...p, fontFamily: '"楷体_GB2312", "KaiTi", serif' } : p;
        return <p key={i} style={style}>{b.text}</p>;
      })}
      <div style={{ textAlign: 'right', marginTop: 24, paddingRight: '4em' }}>{signer}</div>
      <div style={{ textAlign: 'right', paddingRight: '2em' }}>{date}</div>
    </div>
  );
}

function KindEditor({ kind, orgs }: { kind: string; orgs: Org[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [view, setView] = useState<KindView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const today = useToday();
  const body = useRef<TextAreaRef>(null);
  const values = Form.useWatch([], form) as FormValues | undefined;

  const load = useCallback(async () => {
    try {
      const v = await api.get<KindView>(`/api/v1/documents/templates/${encodeURIComponent(kind)}`);
      setView(v); setLoadError(null);
      form.resetFields();
      form.setFieldsValue({ ...v.template, byOrg: Object.entries(v.template.docNoByOrg).map(([orgId, rule]) => ({ orgId, rule })) });
    } catch (e) { setLoadError((e as Error).message); }
  }, [kind, form]);
  useEffect(() => { void load(); }, [load]);

  const onError = useCallback((e: unknown) => {
    if (!(e instanceof ApiError && e.status === 409)) return undefined;
    void load();
    return t('doc.admin.conflict');
  }, [load]);
  // body.docNoByOrg.<org id> → the row of that org in the list.
  const rename = useCallback((name: (string | number)[]) => {
    if (name[0] !== 'docNoByOrg') return name;
    const i = (form.getFieldValue('byOrg') as FormValues['byOrg'] ?? []).findIndex((r) => r?.orgId === name[1]);
    return i < 0 ? ['docNo'] : ['byOrg', i, 'rule'];
  }, [form]);
  const { submit, busy, error } = useFormSubmit(form, { prefixes: ['body'], onError, rename, opening: kind });

  const toTemplate = (v: FormValues): Template => ({
    title: v.title ?? '', docNo: v.docNo ?? '', body: v.body ?? '',
    docNoByOrg: Object.fromEntries((v.byOrg ?? []).filter((r) => r?.orgId && r.rule).map((r) => [r.orgId as string, (r.rule as string).trim()])),
  });
  // The live preview and the problems the server will refuse, both from the shared template code.
  const live = useMemo(() => {
    if (!view || !values) return null;
    const tpl = toTemplate(values);
    const problems = templateProblems(tpl, view.placeholders);
    if (problems.some((p) => p.path !== 'docNo')) return { problems, preview: null };
    const year = Number((today ?? '2026').slice(0, 4));
    const number = problems.length ? tpl.docNo : renderDocNo(tpl.docNo, year, 1);
    const samples = sampleValues(view.placeholders);
    const filled = fillTemplate(tpl, { ...samples, 文号: number });
    return { problems, preview: { ...filled, number, org: String(samples.机关), date: String(samples.日期) } };
  }, [view, values, today]);

  function insert(name: string) {
    const el = body.current?.resizableTextArea?.textArea;
    const cur = (form.getFieldValue('body') as string | undefined) ?? '';
    const at = el ? el.selectionStart : cur.length;
    form.setFieldValue('body', `${cur.slice(0, at)}{{${name}}}${cur.slice(el ? el.selectionEnd : at)}`);
    el?.focus();
  }
  async function save() {
    if (!view) return;
    const r = await submit((v, keyFor) => {
      const fv = v as unknown as FormValues;
      return api.put<KindView>(`/api/v1/documents/templates/${encodeURIComponent(kind)}`,
        { ...toTemplate(fv), version: view.version, reason: fv.reason?.trim() || undefined }, { 'Idempotency-Key': keyFor() });
    });
    if (r) { message.success(t('doc.admin.saved', { version: r.version })); await load(); }
  }
  async function sample(format: 'docx' | 'pdf') {
    try {
      await download(`/api/v1/documents/templates/${encodeURIComponent(kind)}/preview`, { format }, `${view?.label ?? kind}.${format}`,
        { body: toTemplate(form.getFieldsValue()) });
    } catch (e) { message.error(e instanceof ApiError ? e.text : (e as Error).message); }
  }

  if (loadError) return <Alert type="error" showIcon title={loadError} />;
  if (!view) return <Spin />;
  const tree = orgTree(orgs);
  return (
    <Row gutter={16}>
      <Col xs={24} xl={13}>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="template-source" title={view.source === 'county'
          ? t('doc.admin.source.county', { version: view.version, at: fmtDateTime(view.setAt), by: view.setByName ?? '' }) : t('doc.admin.source.default')}
          description={<>
            <div>{t('doc.admin.steps', { type: view.caseTypeLabel, steps: view.after.join('、') })}</div>
            <div>{t('doc.admin.basis')}：{view.basis}</div>
          </>} />
        <FormError error={error} />
        <Form form={form} layout="vertical" name={`template-${kind}`} onFinish={() => void save()}>
          <Form.Item name="title" label={t('doc.admin.titleField')} rules={required(t('doc.admin.titleField'))}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="docNo" label={t('doc.admin.docNo')} extra={t('doc.admin.docNoHelp')} rules={required(t('doc.admin.docNo'))}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label={t('doc.admin.byOrg')} extra={t('doc.admin.byOrgHelp')}>
            <Form.List name="byOrg">{(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'orgId']} rules={[{ required: true, message: t('org.pick') }]} style={{ width: 260 }}>
                      <TreeSelect treeData={tree} showSearch treeNodeFilterProp="title" placeholder={t('doc.admin.org')} aria-label={t('doc.admin.org')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'rule']} rules={required(t('doc.admin.docNo'))} style={{ width: 260 }}>
                      <Input placeholder={t('doc.admin.byOrgExample')} aria-label={t('doc.admin.docNo')} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>{t('common.delete')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({})}>{t('doc.admin.addOrg')}</Button>
              </>
            )}</Form.List>
          </Form.Item>
          <Form.Item name="body" label={t('doc.admin.body')} extra={t('doc.admin.bodyHelp')} rules={required(t('doc.admin.body'))}>
            <Input.TextArea ref={body} rows={14} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <div style={{ marginBottom: 16 }} data-testid="placeholders">
            <Typography.Text type="secondary">{t('doc.admin.placeholders')}：</Typography.Text>
            {Object.entries(view.placeholders).map(([name, d]) => (
              <Tooltip key={name} title={d.label}>
                <Tag style={{ cursor: 'pointer', marginBottom: 4 }} onClick={() => insert(name)}>{`{{${name}}}`}</Tag>
              </Tooltip>
            ))}
          </div>
          {live?.problems.length ? (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('doc.admin.problems')} data-testid="template-problems"
              description={<ul style={{ margin: 0, paddingLeft: 18 }}>{live.problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>} />
          ) : null}
          <Form.Item name="reason" label={t('doc.admin.reason')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>
            <Button onClick={() => form.setFieldsValue({ ...view.defaults, byOrg: [] })}>{t('doc.admin.restore')}</Button>
            <Button onClick={() => void sample('docx')}>{t('doc.admin.sampleDocx')}</Button>
            <Button onClick={() => void sample('pdf')}>{t('doc.admin.samplePdf')}</Button>
          </Space>
        </Form>
        <Typography.Title level={5} style={{ marginTop: 24 }}>{t('doc.admin.history')}</Typography.Title>
        {view.history?.length ? <Timeline data-testid="template-history" items={view.history.map((h) => ({
          key: h.version,
          content: <div>
            <Typography.Text strong>{t('doc.admin.version', { version: h.version })}</Typography.Text>{' '}
            <Typography.Text type="secondary">{fmtDateTime(h.setAt)} · {h.setByName}</Typography.Text>
            {h.reason && <div>{h.reason}</div>}
            <div style={{ fontSize: 12, color: '#595959' }}>{h.title} · {h.docNo}</div>
          </div>,
        }))} /> : <Typography.Text type="secondary">{t('doc.admin.empty')}</Typography.Text>}
      </Col>
      <Col xs={24} xl={11}>
        <Typography.Title level={5}>{t('doc.admin.preview')}</Typography.Title>
        {live?.preview ? <Preview masthead={live.preview.org} docNo={live.preview.number} title={live.preview.title} blocks={live.preview.blocks}
          signer={live.preview.org} date={live.preview.date} /> : <Empty description={t('doc.admin.problems')} />}
      </Col>
    </Row>
  );
}

/** 文书模板 (系统管理): every document kind the modules declare, its county template and 文号 rules, with a live preview. */
export default function DocumentTemplates() {
  const { message } = App.useApp();
  const { params, set } = useQueryState();
  const [kinds, setKinds] = useState<KindView[] | null>(null);
  const [orgs, setOrgs] = useState<Org[]>([]);
  useEffect(() => {
    api.get<KindView[]>('/api/v1/documents/templates').then(setKinds, (e: unknown) => {
      message.error(e instanceof ApiError ? e.text : (e as Error).message);
      setKinds([]);
    });
    listOrgs().then(setOrgs, () => undefined);
  }, [message]);
  if (!kinds) return <Spin />;
  if (!kinds.length) return <Empty />;
  const active = kinds.some((k) => k.kind === params.get('kind')) ? (params.get('kind') as string) : kinds[0].kind;
  const modules = [...new Set(kinds.map((k) => k.moduleLabel))];
  return (
    <Card title={t('doc.admin.title')}>
      <Typography.Paragraph type="secondary">{t('doc.admin.help')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} lg={5}>
          <Menu mode="inline" selectedKeys={[active]} onClick={(e) => set({ kind: e.key })} data-testid="template-kinds"
            items={modules.map((m) => ({ type: 'group' as const, key: m, label: m, children: kinds.filter((k) => k.moduleLabel === m).map((k) => ({
              key: k.kind, label: <span>{k.label}{k.source === 'county' && <Tag color="blue" style={{ marginLeft: 6 }}>{`v${k.version}`}</Tag>}</span>,
            })) }))} />
        </Col>
        <Col xs={24} lg={19}><KindEditor key={active} kind={active} orgs={orgs} /></Col>
      </Row>
    </Card>
  );
}
