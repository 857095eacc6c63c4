import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';
import type { Law } from './types.ts';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 新增 or 修改 a law: every field; a new 修改 or 废止 date flags the documents citing it (the server says how many). */
export function LawForm({ law, open, levels, onClose }: { law: Law | null; open: boolean; levels: string[]; onClose: (saved: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { submit, busy, error } = useFormSubmit(form, { opening: open, prefixes: ['body'] });
  async function ok() {
    const r = await submit((v, keyFor) => {
      const body = {
        title: v.title, issuer: v.issuer, level: v.level, docNo: v.docNo ?? '', note: v.note ?? '', promulgatedOn: day(v.promulgatedOn as Dayjs),
        effectiveOn: day(v.effectiveOn as Dayjs), amendedOn: ((v.amendedOn as Dayjs[] | undefined) ?? []).map((d) => day(d)),
          repealedOn: day(v.repealedOn as Dayjs | null),
      };
      return law ? api.put<{ flagged: number }>(`/api/v1/laws/${law.id}`, { ...body, version: law.version }, { 'Idempotency-Key': keyFor() })
        : api.post<{ flagged: number }>('/api/v1/laws', body, { 'Idempotency-Key': keyFor() });
    });
    if (r) { message.success(r.flagged ? t('laws.flagged', { n: r.flagged }) : t('laws.saved')); onClose(true); }
  }
  const initial = law ? {
    ...law, promulgatedOn: dayjs(law.promulgatedOn), effectiveOn: dayjs(law.effectiveOn), amendedOn: law.amendedOn.map((d) => dayjs(d)),
    repealedOn: law.repealedOn ? dayjs(law.repealedOn) : null,
  } : { level: levels[0], amendedOn: [] };
  return (
    <Modal open={open} title={law ? t('laws.editTitle', { title: law.title }) : t('laws.list.add')} onOk={() => void ok()} confirmLoading={busy}
      onCancel={() => onClose(false)} destroyOnHidden width={680}>
      <FormError error={error} />
      <Form form={form} layout="vertical" name="law" initialValues={initial}>
        <Form.Item name="title" label={t('laws.col.title')} rules={[{ required: true }]}><Input /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="issuer" label={t('laws.col.issuer')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={6}><Form.Item name="level" label={t('laws.col.level')}><Select options={levels.map((x) => ({ value: x, label: x }))} /></Form.Item></Col>
          <Col span={6}><Form.Item name="docNo" label={t('laws.col.docNo')}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="promulgatedOn" label={t('laws.col.promulgatedOn')} rules={[{ required: true }]}><DatePicker /></Form.Item></Col>
          <Col span={8}><Form.Item name="effectiveOn" label={t('laws.col.effectiveOn')} rules={[{ required: true }]}><DatePicker /></Form.Item></Col>
          <Col span={8}><Form.Item name="repealedOn" label={t('laws.col.repealedOn')}><DatePicker /></Form.Item></Col>
        </Row>
        <Form.Item name="amendedOn" label={t('laws.col.amendedOn')}><DatePicker multiple /></Form.Item>
        <Form.Item name="note" label={t('laws.col.note')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
