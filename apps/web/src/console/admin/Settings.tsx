import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Spin, Tabs, Timeline, Typography } from 'antd';
import { api, ApiError } from '../../lib/api.ts';
import { fmtDateTime, fmtValue } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { useQueryState } from '../../lib/router.ts';
import { FormError, useFormSubmit } from '../components/forms.tsx';
import { norm, SchemaFields, toInput, type JsonSchema } from '../components/SchemaForm.tsx';

interface SettingsView {
  module: string; label: string; values: Record<string, unknown>; defaults: Record<string, unknown>; sources: Record<string, string>;
  schema: JsonSchema; version: number; source: 'default' | 'county'; setAt: string | null; setByName: string | null;
  history?: { version: number; values: Record<string, unknown>; setAt: string; setByName: string; reason: string | null }[];
}

/** A value as words: an enum's label, a list joined. */
function shown(schema: JsonSchema | undefined, v: unknown): string {
  const s = schema ? norm(schema) : undefined;
  const labels = s?.['x-enumLabels'] ?? (s?.items ? norm(s.items)['x-enumLabels'] : undefined);
  if (labels && Array.isArray(v)) return v.map((x) => labels[String(x)] ?? String(x)).join('、');
  if (labels && v !== undefined) return labels[String(v)] ?? fmtValue(v);
  return fmtValue(v);
}

/** One module's settings: the form from its JSON Schema, each field with its basis and the platform default; the versions. */
function ModuleSettings({ module }: { module: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [view, setView] = useState<SettingsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const v = await api.get<SettingsView>(`/api/v1/settings/${encodeURIComponent(module)}`);
      setView(v); setLoadError(null);
      form.resetFields();
      form.setFieldsValue(v.values);
      return v;
    } catch (e) { setLoadError((e as Error).message); return null; }
  }, [module, form]);
  useEffect(() => { void load(); }, [load]);
  // Someone saved in between (409): show their version; the message says why.
  const onError = useCallback((e: unknown) => {
    if (!(e instanceof ApiError && e.status === 409)) return undefined;
    void load();
    return t('settings.conflict');
  }, [load]);
  const { submit, busy, error } = useFormSubmit(form, { prefixes: ['body.values', 'body'], onError });
  // Each field says where its value comes from and what the platform default is.
  const schema = useMemo<JsonSchema | null>(() => view && {
    ...view.schema,
    properties: Object.fromEntries(Object.entries(view.schema.properties ?? {}).map(([k, p]) => [k, {
      ...p, description: `${t('settings.basis', { basis: view.sources[k] ?? '' })}　${t('settings.default', { value: shown(p, view.defaults[k]) })}`,
    }])),
  }, [view]);
  async function save() {
    if (!view || !schema) return;
    const reason = form.getFieldValue('_reason') as string | undefined;
    const r = await submit((v, keyFor) => api.put<SettingsView>(`/api/v1/settings/${encodeURIComponent(module)}`,
      { values: toInput(schema, v), version: view.version, reason: reason?.trim() || undefined }, { 'Idempotency-Key': keyFor() }));
    if (r) { message.success(t('settings.saved', { version: r.version })); await load(); }
  }
  if (loadError) return <Alert type="error" showIcon title={loadError} />;
  if (!view || !schema) return <Spin />;
  return (
    <Card size="small" style={{ maxWidth: 760 }}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="settings-source" title={view.source === 'county'
        ? t('settings.source.county', { version: view.version, at: fmtDateTime(view.setAt), by: view.setByName ?? '' }) : t('settings.source.default')} />
      <FormError error={error} />
      <Form form={form} layout="vertical" name={`settings-${module}`} onFinish={() => void save()}>
        <SchemaFields schema={schema} />
        <Form.Item name="_reason" label={t('settings.reason')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('settings.history')}</Typography.Title>
      {view.history?.length ? <Timeline data-testid="settings-history" items={view.history.map((h) => ({
        key: h.version,
        content: <div>
          <Typography.Text strong>{t('settings.version', { version: h.version })}</Typography.Text>{' '}
          <Typography.Text type="secondary">{fmtDateTime(h.setAt)} · {h.setByName}</Typography.Text>
          {h.reason && <div>{h.reason}</div>}
          <div style={{ fontSize: 12, color: '#595959' }}>
            {Object.entries(h.values).map(([k, v]) => (
              <div key={k}>{norm(view.schema.properties?.[k] ?? {}).title ?? k}：{shown(view.schema.properties?.[k], v)}</div>
            ))}
          </div>
        </div>,
      }))} /> : <Typography.Text type="secondary">{t('settings.empty')}</Typography.Text>}
    </Card>
  );
}

/** 本县设置: every module's county settings (GET /api/v1/settings), one tab per module, `?module=`. */
export default function Settings() {
  const { message } = App.useApp();
  const { params, set } = useQueryState();
  const [modules, setModules] = useState<{ module: string; label: string }[] | null>(null);
  useEffect(() => {
    api.get<SettingsView[]>('/api/v1/settings').then((r) => setModules(r.map((x) => ({ module: x.module, label: x.label }))),
      (e: unknown) => { message.error(e instanceof ApiError ? e.text : (e as Error).message); setModules([]); });
  }, [message]);
  if (!modules) return <Spin />;
  if (!modules.length) return <Empty description={t('settings.none')} />;
  const active = modules.some((m) => m.module === params.get('module')) ? (params.get('module') as string) : modules[0].module;
  return (
    <Card title={t('settings.title')}>
      <Typography.Paragraph type="secondary">{t('settings.help')}</Typography.Paragraph>
      <Tabs activeKey={active} onChange={(k) => set({ module: k })} destroyOnHidden
        items={modules.map((m) => ({ key: m.module, label: m.label, children: <ModuleSettings module={m.module} /> }))} />
    </Card>
  );
}
