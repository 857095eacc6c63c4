import { useEffect, useState } from 'react';
import { App, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tooltip, Typography, Upload } from 'antd';
import { api, upload } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { useRules } from '../../../lib/rules.ts';
import type { Org } from '../../../console/components/data.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';
import type { GuideFile, Material, PowerItem } from '../types.ts';

export type JointMode = '统一办理' | '联合办理' | '集中办理';
export const JOINT_MODES: JointMode[] = ['统一办理', '联合办理', '集中办理'];
export interface ServiceFull {
  id: string; code: string; name: string; orgName: string; statutoryDays: number; promisedDays: number; instant: boolean; materials: Material[];
  online: boolean; powerCode: string;
  powerId: string; orgId: string; baselineMaterials: number; fees: string; guide: string; conditions?: string; place?: string; hours?: string; phone?: string; status: 'active' | 'suspended'; jointMode: JointMode | null;
}

/**
 * 修改 a service item (承诺时限 ≤ 法定时限, only powers in the current 权责清单). The 法定时限 cap is the
 * length of the rule in force (approvals.decision, or approvals.decision.joint for 统一/联合/集中办理),
 * read from GET /api/v1/rules — the server checks the same rules and audits the change.
 */
export function ServiceEditor({ service, powers, orgs, onClose, onSaved }: {
  service: ServiceFull | null; powers: PowerItem[]; orgs: Org[]; onClose: () => void; onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const jointMode = Form.useWatch('jointMode', form) as JointMode | undefined;
  const rules = useRules('approvals.decision', 'approvals.decision.joint');
  const cap = rules[jointMode ? 'approvals.decision.joint' : 'approvals.decision'];
  const joint = rules['approvals.decision.joint'];
  const { submit, busy, error } = useFormSubmit(form, { opening: service?.id ?? null, prefixes: ['body'] });
  const names = (Form.useWatch('materials', form) as string[] | undefined) ?? [];
  // the blank form and sample of each material, by the material's name (a renamed material starts without)
  const [files, setFiles] = useState<Record<string, Partial<Record<FileKind, GuideFile | null>>>>({});
  useEffect(() => {
    if (!service) return;
    form.setFieldsValue({ ...service, materials: service.materials.map((m) => m.name) });
    setFiles(Object.fromEntries(service.materials.map((m) => [m.name, { blankForm: m.blankForm ?? null, sample: m.sample ?? null }])));
  }, [service, form]);
  async function save() {
    if (!service) return;
    const ok = await submit((v, keyFor) => {
      const materials = (v.materials as string[] ?? []).map((name) => ({
        name, required: service.materials.find((m) => m.name === name)?.required ?? true,
        ...(files[name]?.blankForm ? { blankFormFileId: files[name].blankForm.id } : {}),
        ...(files[name]?.sample ? { sampleFileId: files[name].sample.id } : {}),
      }));
      return api.put(`/api/v1/powers/services/${service.id}`, {
        powerId: v.powerId, orgId: v.orgId, code: v.code, name: v.name, statutoryDays: v.statutoryDays, promisedDays: v.promisedDays, instant: !!v.instant,
        materials, baselineMaterials: v.baselineMaterials, fees: v.fees ?? '', guide: v.guide ?? '', online: !!v.online, status: v.status,
        conditions: v.conditions ?? '', place: v.place ?? '', hours: v.hours ?? '', phone: v.phone ?? '',
        jointMode: v.jointMode ?? null,
      }, { 'Idempotency-Key': keyFor() }).then(() => true);
    });
    if (ok) { message.success(t('powers.services.saved')); onSaved(); }
  }
  return (
    <Modal open={!!service} title={service ? t('powers.services.editTitle', { name: service.name }) : ''} onOk={() => void save()} confirmLoading={busy}
      onCancel={onClose} width={680} forceRender>
      <FormError error={error} />
      <Form form={form} layout="vertical" name="service">
        <Row gutter={12}>
          <Col span={8}><Form.Item name="code" label={t('powers.col.code')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={16}><Form.Item name="name" label={t('powers.col.name')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="powerId" label={t('powers.services.power')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={powers.map((x) => ({ value: x.id, label: `${x.code} ${x.name}` }))} />
          </Form.Item></Col>
          <Col span={12}><Form.Item name="orgId" label={t('powers.col.org')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={orgs.filter((o) => o.kind !== 'village').map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item></Col>
          <Col span={24}><Form.Item name="jointMode" label={t('powers.services.joint')}
            extra={joint && t('powers.services.joint.hint', { n: joint.length, ext: joint.maxExtension ?? 0 })}>
            <Select allowClear placeholder={rules['approvals.decision'] && t('powers.services.joint.none', { n: rules['approvals.decision'].length })}
              options={JOINT_MODES.map((x) => ({ value: x, label: x }))} />
          </Form.Item></Col>
          <Col span={6}><Form.Item name="statutoryDays" label={t('powers.services.statutory')} rules={[{ required: true }]}
            extra={cap && <Tooltip title={cap.basis}>{t('powers.services.statutoryMax', { n: cap.length })}</Tooltip>}>
            <InputNumber min={0} max={cap?.length} precision={0} />
          </Form.Item></Col>
          <Col span={6}><Form.Item name="promisedDays" label={t('powers.services.promised')} dependencies={['statutoryDays']} rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_r, v: number) => (v > getFieldValue('statutoryDays')
                ? Promise.reject(new Error(t('powers.services.overStatutory'))) : Promise.resolve()),
            }),
          ]}><InputNumber min={0} precision={0} /></Form.Item></Col>
          <Col span={6}><Form.Item name="baselineMaterials" label={t('powers.services.baseline')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item></Col>
          <Col span={6}><Form.Item name="status" label={t('powers.col.status')}>
            <Select options={['active', 'suspended'].map((x) => ({ value: x, label: t(`powers.status.${x}`) }))} />
          </Form.Item></Col>
        </Row>
        <Form.Item name="materials" label={t('powers.services.materials')}><Select mode="tags" open={false} tokenSeparators={['，', '、', '；']} /></Form.Item>
        {names.length > 0 && (
          <Form.Item label={t('powers.services.forms')} extra={t('powers.services.forms.hint')}>
            <Table size="small" pagination={false} rowKey={(n) => n} dataSource={names} className="material-files"
              columns={[
                { title: t('powers.services.material'), render: (_v, n: string) => n },
                ...FILE_KINDS.map((kind) => ({
                  title: t(`powers.services.${kind}`), key: kind,
                  render: (_v: unknown, n: string) => <MaterialFile file={files[n]?.[kind] ?? null} label={t(`powers.services.${kind}`)} name={n}
                    onChange={(f) => setFiles((cur) => ({ ...cur, [n]: { ...cur[n], [kind]: f } }))} />,
                })),
              ]} />
          </Form.Item>
        )}
        <Form.Item name="fees" label={t('powers.services.fees')}><Input /></Form.Item>
        <Form.Item name="conditions" label={t('powers.services.conditions')}><Input.TextArea rows={2} /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="place" label={t('powers.services.place')}><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="hours" label={t('powers.services.hours')}><Input /></Form.Item></Col>
        </Row>
        <Form.Item name="phone" label={t('powers.services.phone')}><Input inputMode="tel" /></Form.Item>
        <Form.Item name="guide" label={t('powers.services.guide')}><Input.TextArea rows={3} /></Form.Item>
        <Space>
          <Form.Item name="instant" valuePropName="checked"><Checkbox>{t('powers.services.instant')}</Checkbox></Form.Item>
          <Form.Item name="online" valuePropName="checked"><Checkbox>{t('powers.services.online')}</Checkbox></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

type FileKind = 'blankForm' | 'sample';
const FILE_KINDS: FileKind[] = ['blankForm', 'sample'];
const GUIDE_FILE_ACCEPT = '.pdf,.docx,.xlsx,.ofd,.png,.jpg,.jpeg';

/** One download of a material: its file (name, size), replace or remove; uploaded at once, named on the service when saved. */
function MaterialFile({ file, label, name, onChange }: { file: GuideFile | null; label: string; name: string; onChange: (f: GuideFile | null) => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Space size={4} wrap>
      {file && <Typography.Text ellipsis={{ tooltip: file.filename }} style={{ maxWidth: 160 }}>{file.filename}</Typography.Text>}
      <Upload accept={GUIDE_FILE_ACCEPT} showUploadList={false} customRequest={async ({ file: f }) => {
        setBusy(true);
        try { onChange(await upload<GuideFile>('/api/v1/powers/service-files', f as File)); } catch (e) { message.error((e as Error).message); } finally { setBusy(false); }
      }}>
        <Button size="small" loading={busy} aria-label={t('powers.services.upload.aria', { what: label, name })}>
          {file ? t('powers.services.replace') : t('powers.services.upload')}
        </Button>
      </Upload>
      {file && <Button size="small" type="link" onClick={() => onChange(null)} aria-label={t('powers.services.remove.aria', { what: label, name })}>
        {t('powers.services.remove')}</Button>}
    </Space>
  );
}
