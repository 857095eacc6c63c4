import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Table, Tag } from 'antd';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { useRules } from '../../../lib/rules.ts';
import { listOrgs, type Org } from '../../../console/components/data.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';
import { LIMIT_RULES, useCatalog, type Cat } from './data.ts';

/** 派单目录 (admins): the tree as a table; add a node or change one by its code (click a row to edit it). */
export default function Catalog() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { cats, reload } = useCatalog();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const rules = useRules(...LIMIT_RULES);
  const { submit, busy, error } = useFormSubmit(form, { prefixes: ['body'] });
  useEffect(() => { listOrgs().then(setOrgs, () => setOrgs([])); }, []);
  async function save() {
    const ok = await submit((v, keyFor) => api.post('/api/v1/hotline/catalog', {
      code: v.code ?? '', name: v.name ?? '', parentCode: v.parentCode || undefined, orgId: v.orgId || undefined, limitRule: v.limitRule || undefined,
      keywords: v.keywords ?? '', active: v.active !== false,
    }, { 'Idempotency-Key': keyFor() }).then(() => true));
    if (ok) { message.success(t('hotline.catalog.saved')); form.resetFields(); reload(); }
  }
  return (
    <Row gutter={16}>
      <Col xs={24} lg={15}>
        <Table<Cat> rowKey="code" size="small" dataSource={cats} pagination={false}
          onRow={(r) => ({ onClick: () => form.setFieldsValue({ ...r, orgId: r.orgId ?? undefined }), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('hotline.catalog.code'), dataIndex: 'code' },
            {
              title: t('hotline.catalog.name'), dataIndex: 'name',
              render: (v: string, r) => (r.leaf ? <span style={{ paddingLeft: 16 }}>{v}</span> : <strong>{v}</strong>),
            },
            { title: t('hotline.catalog.initials'), dataIndex: 'initials' }, { title: t('hotline.catalog.org'), dataIndex: 'orgName' },
            {
              title: t('hotline.catalog.limit'), dataIndex: 'limit',
              render: (l: Cat['limit']) => (l
                ? <span>{l.length}{t(`clock.unit.${l.unit}`)} {!l.sourced && <Tag>{t('hotline.catalog.configurable')}</Tag>}</span> : ''),
            },
            { title: t('hotline.catalog.facts'), dataIndex: 'facts', render: (f: Cat['facts']) => f.filter((x) => x.required).map((x) => x.label).join('、') },
          ]} />
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small" title={t('hotline.catalog.edit')}>
          <FormError error={error} />
          <Form form={form} layout="vertical" name="catalog">
            <Form.Item name="code" label={t('hotline.catalog.code')}><Input /></Form.Item>
            <Form.Item name="name" label={t('hotline.catalog.name')}><Input /></Form.Item>
            <Form.Item name="parentCode" label={t('hotline.catalog.parentCode')}>
              <Select allowClear options={cats.filter((c) => !c.leaf).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))} />
            </Form.Item>
            <Form.Item name="orgId" label={t('hotline.catalog.leafOrg')}>
              <Select allowClear showSearch optionFilterProp="label" options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item>
            <Form.Item name="limitRule" label={t('hotline.catalog.limitRule')}>
              <Select allowClear options={LIMIT_RULES.map((k) => {
                const r = rules[k];
                return { value: k, label: r ? t('hotline.catalog.rule', { label: r.label, n: r.length, unit: t(`clock.unit.${r.unit}`) }) : k };
              })} />
            </Form.Item>
            <Form.Item name="keywords" label={t('hotline.catalog.keywords')}><Input /></Form.Item>
            <Button type="primary" loading={busy} onClick={() => void save()}>{t('common.save')}</Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
