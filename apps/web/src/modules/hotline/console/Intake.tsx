import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Badge, Button, Card, Checkbox, Col, Form, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate } from '../../../lib/router.ts';
import { listOrgs, type Org } from '../../../console/components/data.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';
import { useCatalog, type Kb } from './data.ts';

interface Dup { number: string; reason: string; categoryName: string; state: string; acceptedAt: string; description: string }
type Mode = 'dispatch' | 'instant' | 'register';

/** The ticket types of the 12345 workflow (values of its create form). */
const TYPES = ['咨询', '求助', '投诉', '举报', '建议'];

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => { const h = setTimeout(() => setV(value), ms); return () => clearTimeout(h); }, [value, ms]);
  return v;
}

/**
 * 受理, built for speed: phone first, category by Chinese or pinyin initials, duplicates and
 * answers while typing. Registering and then dispatching (or answering, or merging) are two
 * requests, each with its own Idempotency-Key kept for this call: a retry after a failure or a
 * lost answer does neither twice; once the ticket is registered a retry only repeats the second step.
 */
export default function Intake() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { cats } = useCatalog();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [dups, setDups] = useState<Dup[]>([]);
  const [kb, setKb] = useState<Kb[]>([]);
  const [done, setDone] = useState<{ number: string; id: string } | null>(null);
  /** The ticket registered by this call, while its second step has not succeeded. */
  const registered = useRef<{ id: string; number: string } | null>(null);
  const phoneRef = useRef<{ focus: () => void } | null>(null);
  const phone = Form.useWatch('phone', form) as string | undefined;
  const description = Form.useWatch('description', form) as string | undefined;
  const townshipId = Form.useWatch('townshipId', form) as string | undefined;
  const categoryCode = Form.useWatch('categoryCode', form) as string | undefined;
  const ticketType = Form.useWatch('ticketType', form) as string | undefined;
  const dPhone = useDebounced(phone, 300); const dDesc = useDebounced(description, 500);
  const leaves = useMemo(() => cats.filter((c) => c.leaf && c.active), [cats]);
  const cat = leaves.find((c) => c.code === categoryCode);
  const towns = orgs.filter((o) => o.kind === 'township');
  const factCodes = useMemo(() => new Set(cats.flatMap((c) => c.facts.map((x) => x.code))), [cats]);
  const { submit, busy, error, setError } = useFormSubmit(form, {
    prefixes: ['body.input.parties', 'body.input.attributes', 'body.input', 'body'],
    // A fact `x` of the category is the form field `attr_x`.
    rename: (name) => (name.length === 1 && factCodes.has(String(name[0])) ? [`attr_${name[0]}`] : name),
  });

  useEffect(() => { listOrgs().then(setOrgs, () => setOrgs([])); }, []);
  useEffect(() => {
    if (!(dPhone && dPhone.length >= 7) && !(dDesc && dDesc.length >= 6)) { setDups([]); return; }
    api.post<Dup[]>('/api/v1/hotline/duplicates', { phone: dPhone || undefined, description: dDesc || undefined, townshipId: townshipId || undefined })
      .then(setDups, () => setDups([]));
  }, [dPhone, dDesc, townshipId]);
  useEffect(() => {
    if (!dDesc || dDesc.length < 4) { setKb([]); return; }
    api.get<Kb[]>('/api/v1/hotline/kb', { q: dDesc.slice(0, 60) }).then((r) => setKb(r.slice(0, 5)), () => setKb([]));
  }, [dDesc]);
  useEffect(() => { if (cat?.orgId) form.setFieldValue('leadOrgId', cat.orgId); }, [cat, form]);

  async function go(mode: Mode, mergeInto?: string) {
    const failed: { step?: { number: string; action: string; error: string } } = {};
    const r = await submit(async (v, keyFor) => {
      let c = registered.current;
      if (!c) {
        const attributes = Object.fromEntries(Object.entries(v)
          .filter(([k, x]) => k.startsWith('attr_') && x !== undefined && x !== '').map(([k, x]) => [k.slice(5), x]));
        c = await api.post<{ id: string; number: string }>('/api/v1/cases', { type: 'hotline_ticket', input: {
          channel: v.channel, ticketType: v.ticketType, categoryCode: v.categoryCode ?? '', urgency: v.urgency, description: v.description ?? '',
          address: v.address || undefined, townshipId: v.townshipId || undefined, anonymous: !!v.anonymous, confidential: !!v.confidential, attributes,
          parties: { name: v.name || undefined, phone: v.phone || undefined },
        } }, { 'Idempotency-Key': keyFor('open') });
        registered.current = c;
      }
      const step = mergeInto ? { action: 'merge', input: { masterNumber: mergeInto } }
        : mode === 'instant' ? { action: 'instant_answer', input: { answer: v.answer ?? '', kbId: v.kbId || undefined } }
          : mode === 'dispatch' ? { action: 'dispatch', input: { leadOrgId: v.leadOrgId, assistOrgIds: v.assistOrgIds ?? [] } } : null;
      if (step) {
        try { await api.post(`/api/v1/cases/${c.id}/actions`, step, { 'Idempotency-Key': keyFor(step.action) }); }
        catch (e) { failed.step = { number: c.number, action: step.action, error: problemText(e) }; throw e; }
      }
      return c;
    });
    // Registered but the second step failed: say so (the fields show what to correct).
    if (!r && failed.step) {
      const { number, action, error: why } = failed.step;
      setError(t('hotline.intake.stepFailed', { number, step: t(`hotline.intake.step.${action}`), error: why }));
    }
    if (!r) return;
    registered.current = null;
    setDone(r);
    message.success(t('hotline.intake.saved', { number: r.number }));
    form.resetFields(); setDups([]); setKb([]); setError(null);
    phoneRef.current?.focus();
  }

  const orgOptions = orgs.map((o) => ({ value: o.id, label: o.name }));
  return (
    <Row gutter={16}>
      <Col xs={24} lg={15}>
        {done && <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="hl-created"
          title={<span>
            {t('hotline.intake.saved', { number: done.number })} <a onClick={() => navigate(`/console/cases/${done.id}`)}>{t('hotline.intake.open')}</a>
          </span>} />}
        <FormError error={error} />
        <Form form={form} layout="vertical" initialValues={{ channel: 'phone', ticketType: '投诉', urgency: 'normal' }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
            e.preventDefault();
            void go(ticketType === '咨询' && form.getFieldValue('answer') ? 'instant' : 'dispatch');
          }}>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="phone" label={t('hotline.field.phone')}>
              <Input ref={(r) => { phoneRef.current = r; }} autoFocus id="hl-phone" inputMode="tel" />
            </Form.Item></Col>
            <Col span={8}><Form.Item name="name" label={t('hotline.field.name')}><Input id="hl-name" /></Form.Item></Col>
            <Col span={8}><Form.Item name="channel" label={t('hotline.intake.channel')}>
              <Select id="hl-channel" options={['phone', 'web', 'mailbox'].map((c) => ({ value: c, label: t(`hotline.channel.${c}`) }))} />
            </Form.Item></Col>
          </Row>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="ticketType" label={t('hotline.field.type')}>
              <Select id="hl-type" options={TYPES.map((x) => ({ value: x, label: x }))} />
            </Form.Item></Col>
            <Col span={10}>
              <Form.Item name="categoryCode" label={t('hotline.field.category')}
                extra={cat?.limit
                  ? t('hotline.intake.limit', { n: cat.limit.length, unit: t(`clock.unit.${cat.limit.unit}`), org: cat.orgName ?? '' })
                  : t('hotline.intake.catHelp')}>
                <Select id="hl-category" showSearch placeholder={t('hotline.field.categorySearch')}
                  filterOption={(input, o) => {
                    const c = leaves.find((x) => x.code === o?.value); const q = input.trim().toLowerCase();
                    return !!c && (c.name.includes(q) || c.initials.includes(q) || c.keywords.includes(q) || c.code.startsWith(q));
                  }}
                  options={leaves.map((c) => ({ value: c.code, label: `${c.groupName ? `${c.groupName} / ` : ''}${c.name}` }))} />
              </Form.Item>
            </Col>
            <Col span={6}><Form.Item name="urgency" label={t('hotline.intake.urgency')}>
              <Select id="hl-urgency" options={['normal', 'high', 'urgent'].map((u) => ({ value: u, label: t(`hotline.urgency.${u}`) }))} />
            </Form.Item></Col>
          </Row>
          {cat?.facts.map((f) => (
            <Form.Item key={f.code} name={`attr_${f.code}`} label={f.label}
              rules={f.required ? [{ required: true, message: t('hotline.field.required', { label: f.label }) }] : []}>
              {f.values ? <Select options={f.values.map((v) => ({ value: v.key, label: v.name }))} /> : <Input />}
            </Form.Item>
          ))}
          <Form.Item name="description" label={t('hotline.field.description')}><Input.TextArea id="hl-description" rows={4} /></Form.Item>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="townshipId" label={t('hotline.field.township')}>
              <Select id="hl-township" allowClear showSearch optionFilterProp="label" options={towns.map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item></Col>
            <Col span={16}><Form.Item name="address" label={t('hotline.field.address')}><Input id="hl-address" /></Form.Item></Col>
          </Row>
          <Space>
            <Form.Item name="anonymous" valuePropName="checked" noStyle><Checkbox>{t('hotline.field.anonymous')}</Checkbox></Form.Item>
            <Form.Item name="confidential" valuePropName="checked" noStyle><Checkbox>{t('hotline.field.confidential')}</Checkbox></Form.Item>
          </Space>
          <Card size="small" style={{ marginTop: 12 }} title={t('hotline.intake.dispatchOrAnswer')}>
            <Row gutter={12}>
              <Col span={12}><Form.Item name="leadOrgId" label={t('hotline.intake.lead')}>
                <Select id="hl-lead" showSearch optionFilterProp="label" options={orgOptions} />
              </Form.Item></Col>
              <Col span={12}><Form.Item name="assistOrgIds" label={t('hotline.intake.assist')}>
                <Select mode="multiple" showSearch optionFilterProp="label" options={orgOptions} />
              </Form.Item></Col>
            </Row>
            <Form.Item name="answer" label={t('hotline.intake.answer')}><Input.TextArea id="hl-answer" rows={2} /></Form.Item>
            <Form.Item name="kbId" hidden><Input /></Form.Item>
            <Space wrap>
              <Button type="primary" loading={busy} onClick={() => void go('dispatch')} data-testid="hl-dispatch">
                {t('hotline.intake.registerDispatch')}
              </Button>
              <Button loading={busy} onClick={() => void go('instant')} data-testid="hl-instant">{t('hotline.intake.instant')}</Button>
              <Button loading={busy} onClick={() => void go('register')}>{t('hotline.intake.registerOnly')}</Button>
              <Typography.Text type="secondary">{t('hotline.intake.keys')}</Typography.Text>
            </Space>
          </Card>
        </Form>
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small" title={<span>{t('hotline.intake.dups')} <Badge count={dups.length} /></span>} style={{ marginBottom: 12 }} data-testid="hl-dups">
          <List size="small" dataSource={dups} locale={{ emptyText: t('hotline.intake.noDups') }} renderItem={(d) => (
            <List.Item actions={[<a key="m" onClick={() => void go('register', d.number)}>{t('hotline.intake.merge')}</a>]}>
              <List.Item.Meta title={<span>{d.number} <Tag>{d.categoryName}</Tag></span>} description={<span>{d.reason}<br />{d.description}</span>} />
            </List.Item>
          )} />
        </Card>
        <Card size="small" title={t('hotline.intake.kb')}>
          <List size="small" dataSource={kb} locale={{ emptyText: t('hotline.intake.noKb') }} renderItem={(k) => (
            <List.Item actions={[<a key="u" onClick={() => { form.setFieldsValue({ answer: k.answer, kbId: k.id }); }}>{t('hotline.intake.useAnswer')}</a>]}>
              <List.Item.Meta title={k.question}
                description={<Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>{k.answer}</Typography.Paragraph>} />
            </List.Item>
          )} />
        </Card>
      </Col>
    </Row>
  );
}
