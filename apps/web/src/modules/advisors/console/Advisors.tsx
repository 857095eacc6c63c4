import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { useSession } from '../../../console/session.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';

const KINDS = ['政府法律顾问', '公职律师', '合法性审查专家'] as const;
const PROCUREMENTS = ['竞争性谈判', '择优续聘', '公开招标', '单一来源', '其他'];
interface Advisor {
  id: string; kind: string; name: string; unit: string; title: string; expertise: string[]; contractFrom: string | null; contractTo: string | null;
  procurement: string | null; status: 'active' | 'ended'; version: number; assigned: number; signed: number;
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 法律顾问、公职律师 and the 专家库: the roster by kind, with assignments and signed opinions; 新增 / 修改 (续聘、解聘). */
export default function Advisors() {
  const { message } = App.useApp();
  const { can } = useSession();
  const manage = can('advisors.manage');
  const [kind, setKind] = useState<string>(KINDS[0]);
  const [expertise, setExpertise] = useState<string | undefined>();
  const [items, setItems] = useState<Advisor[]>([]);
  const [editing, setEditing] = useState<{ a: Advisor | null } | null>(null);
  const [form] = Form.useForm();
  const { submit, busy, error } = useFormSubmit(form, { opening: !!editing, prefixes: ['body'] });
  const load = useCallback(() => api.get<{ items: Advisor[] }>('/api/v1/advisors', { kind, expertise })
    .then((r) => setItems(r.items), (e: Error) => message.error(problemText(e))), [kind, expertise, message]);
  useEffect(() => { void load(); }, [load]);
  async function save() {
    const a = editing?.a ?? null;
    const r = await submit((v, keyFor) => {
      const body = {
        kind: v.kind, name: v.name, unit: v.unit, title: v.title ?? '', expertise: v.expertise ?? [], contractFrom: day(v.contractFrom as Dayjs | null),
        contractTo: day(v.contractTo as Dayjs | null), procurement: v.procurement ?? null, status: v.status ?? 'active',
      };
      return a ? api.put(`/api/v1/advisors/${a.id}`, { ...body, version: a.version }, { 'Idempotency-Key': keyFor() })
        : api.post('/api/v1/advisors', body, { 'Idempotency-Key': keyFor() });
    });
    if (r) { message.success(t('advisors.saved')); setEditing(null); void load(); }
  }
  const open = (a: Advisor | null) => {
    form.setFieldsValue(a ? { ...a, contractFrom: a.contractFrom ? dayjs(a.contractFrom) : null, contractTo: a.contractTo ? dayjs(a.contractTo) : null }
      : { kind, status: 'active', expertise: [], name: undefined, unit: undefined, title: undefined, contractFrom: null, contractTo: null, procurement: null });
    setEditing({ a });
  };
  return (
    <Card title={t('advisors.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} optionType="button" aria-label={t('advisors.col.kind')}
          options={KINDS.map((k) => ({ value: k, label: t(`advisors.kind.${k}`) }))} />
        <Input.Search allowClear placeholder={t('advisors.search')} aria-label={t('advisors.search')} style={{ width: 200 }}
          onSearch={(v) => setExpertise(v || undefined)} />
        {manage && <Button type="primary" onClick={() => open(null)}>{t('advisors.add')}</Button>}
      </Space>
      <Typography.Paragraph type="secondary">{t('advisors.count', { n: items.length })}</Typography.Paragraph>
      <Table rowKey="id" size="small" dataSource={items} pagination={{ pageSize: 20 }} columns={[
        { title: t('advisors.col.name'), dataIndex: 'name', width: 100 }, { title: t('advisors.col.unit'), dataIndex: 'unit' },
        { title: t('advisors.col.title'), dataIndex: 'title', width: 110 },
        { title: t('advisors.col.expertise'), dataIndex: 'expertise', render: (x: string[]) => x.map((e) => <Tag key={e}>{e}</Tag>) },
        { title: t('advisors.col.contract'), dataIndex: 'contractFrom', width: 200,
          render: (_: unknown, r: Advisor) => (r.contractFrom ? `${r.contractFrom} 至 ${r.contractTo ?? ''}` : t('advisors.none')) },
        { title: t('advisors.col.procurement'), dataIndex: 'procurement', width: 100, render: (v: string | null) => v ?? t('advisors.none') },
        { title: t('advisors.col.status'), dataIndex: 'status', width: 80, render: (s: string) => t(`advisors.status.${s}`) },
        { title: t('advisors.col.assigned'), dataIndex: 'assigned', width: 90 }, { title: t('advisors.col.signed'), dataIndex: 'signed', width: 110 },
        ...(manage ? [{ title: '', width: 80, render: (_: unknown,
          r: Advisor) => <Button size="small" onClick={() => open(r)}>{t('advisors.edit')}</Button> }] : []),
      ]} />
      <Modal open={!!editing} title={editing?.a ? t('advisors.editTitle', { name: editing.a.name }) : t('advisors.add')} onOk={() => void save()}
        confirmLoading={busy} onCancel={() => setEditing(null)} width={640} forceRender>
        <FormError error={error} />
        <Form form={form} layout="vertical" name="advisor">
          <Row gutter={12}>
            <Col span={8}><Form.Item name="kind" label={t('advisors.col.kind')}>
              <Select options={KINDS.map((k) => ({ value: k, label: t(`advisors.kind.${k}`) }))} />
            </Form.Item></Col>
            <Col span={8}><Form.Item name="name" label={t('advisors.col.name')} rules={[{ required: true }]}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="title" label={t('advisors.col.title')}><Input /></Form.Item></Col>
            <Col span={24}><Form.Item name="unit" label={t('advisors.col.unit')} rules={[{ required: true }]}><Input /></Form.Item></Col>
            <Col span={24}><Form.Item name="expertise" label={t('advisors.col.expertise')}>
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', '；']} />
            </Form.Item></Col>
            <Col span={8}><Form.Item name="contractFrom" label={t('advisors.col.contractFrom')}><DatePicker /></Form.Item></Col>
            <Col span={8}><Form.Item name="contractTo" label={t('advisors.col.contractTo')}><DatePicker /></Form.Item></Col>
            <Col span={8}><Form.Item name="procurement" label={t('advisors.col.procurement')}>
              <Select allowClear options={PROCUREMENTS.map((p) => ({ value: p, label: p }))} />
            </Form.Item></Col>
            <Col span={8}><Form.Item name="status" label={t('advisors.col.status')}>
              <Radio.Group options={(['active', 'ended'] as const).map((s) => ({ value: s, label: t(`advisors.status.${s}`) }))} />
            </Form.Item></Col>
          </Row>
        </Form>
      </Modal>
    </Card>
  );
}
