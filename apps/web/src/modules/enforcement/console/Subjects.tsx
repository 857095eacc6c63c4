import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { useSession } from '../../../console/session.ts';

interface Power { id: string; code: string; name: string; type: string; basis: string; delegatedFrom: string | null }
interface Entry { orgId: string; orgName: string; kind: string; entrustedBy: string | null; officers: number; powers: Power[] }
interface View { year: number; asOf: string; entries: Entry[]; published: { version: number; publishedOn: string; url: string } | null }

/**
 * 行政执法主体 (事前公示, 118号): the year's list as it stands (权责清单 via the powers read API, valid certificates) and the version last
 * published; the 司法局 publishes it (a new version each time) through the publication service.
 */
export default function Subjects() {
  const { message } = App.useApp();
  const { can } = useSession();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [view, setView] = useState<View | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => api.get<View>('/api/v1/enforcement/subjects', { year }).then(setView, (e: Error) => message.error(problemText(e))),
    [year, message]);
  useEffect(() => { void load(); }, [load]);
  async function publish() {
    setBusy(true);
    try {
      const r = await api.post<{ version: number }>('/api/v1/enforcement/subjects/publish', { year }, { 'idempotency-key': crypto.randomUUID() });
      message.success(t('enforcement.subjects.published', { year, v: r.version }));
      await load();
    } catch (e) { message.error(problemText(e as Error)); } finally { setBusy(false); }
  }
  const years = Array.from({ length: thisYear + 2 - 2019 }, (_, i) => thisYear + 1 - i);
  return (
    <Card title={t('enforcement.subjects.title')} extra={can('enforcement.subjects.publish') && (
      <Popconfirm title={t('enforcement.subjects.confirm', { year })} onConfirm={publish}>
        <Button type="primary" loading={busy}>{t('enforcement.subjects.publish')}</Button>
      </Popconfirm>)}>
      <Space style={{ marginBottom: 12 }} wrap>
        <label htmlFor="es-year">{t('enforcement.subjects.year')}</label>
        <Select id="es-year" value={year} onChange={setYear} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: String(y) }))} />
        <Typography.Text type="secondary" data-testid="es-published">
          {view?.published ? <>{t('enforcement.subjects.latest')}：<a href={view.published.url} target="_blank" rel="noreferrer">
            {t('enforcement.subjects.version', { v: view.published.version, on: view.published.publishedOn, asOf: view.asOf })}</a></>
            : t('enforcement.subjects.none')}
        </Typography.Text>
      </Space>
      <Table<Entry> rowKey="orgId" size="small" dataSource={view?.entries ?? []} pagination={false}
        expandable={{ expandedRowRender: (e) => (
          <Table<Power> rowKey="id" size="small" pagination={false} dataSource={e.powers} columns={[
            { key: 'code', dataIndex: 'code', title: t('enforcement.subjects.code'), width: 120 },
            { key: 'name', title: t('enforcement.subjects.power'),
              render: (_, p) => `${p.name}${p.delegatedFrom ? t('enforcement.subjects.delegated', { org: p.delegatedFrom }) : ''}` },
            { key: 'type', dataIndex: 'type', title: t('enforcement.subjects.type'), width: 100 },
            { key: 'basis', dataIndex: 'basis', title: t('enforcement.subjects.basis') },
          ]} />) }}
        columns={[
          { key: 'org', dataIndex: 'orgName', title: t('enforcement.col.org') },
          { key: 'kind', title: t('enforcement.subjects.kind'), render: (_, e) => <Tag>{e.kind}</Tag> },
          { key: 'officers', title: t('enforcement.subjects.colOfficers'), render: (_, e) => t('enforcement.subjects.officers', { n: e.officers }) },
          { key: 'powers', title: t('enforcement.subjects.colPowers'), render: (_, e) => t('enforcement.subjects.powers', { n: e.powers.length }) },
        ]} />
    </Card>
  );
}
