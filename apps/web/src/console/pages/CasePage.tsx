import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ClockUnit, FactKind, LimitKind } from '@yifa/contracts';
import { remainingZh } from '@yifa/contracts/time/remaining';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, type DescriptionsProps, Empty, List, Result, Row, Skeleton, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { useCaseAbilities, type CaseAbilities } from '../../lib/abilities.ts';
import { api, ApiError, newIdempotencyKey, upload } from '../../lib/api.ts';
import { fmtDate, fmtDateTime, fmtValue } from '../../lib/format.ts';
import { t, tf } from '../../lib/i18n.ts';
import { navigate } from '../../lib/router.ts';
import { ActionModal } from '../components/ActionModal.tsx';
import { caseTypes, listOrgs, orgTree, type CaseTypeInfo, type Org } from '../components/data.ts';
import { LevelTag } from '../components/LevelTag.tsx';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import type { ScreenProps } from '../../modules/types.ts';

interface Clock {
  key: string; label: string; status: string; unit: string; totalLength: number; dueDate: string | null; dueAt: string | null;
  remaining: number | null; level: string; metDeadline: boolean | null; unknownYear?: number; explanation: string[]; basis: string; sourced: boolean;
  limitKind: LimitKind;
}
/** A declared fact, labelled by the server (enum codes as words, org ids as names). */
interface Fact { key: string; label: string; kind: FactKind; value: string | number | boolean | string[] | Record<string, string> }
interface Party { id: string; role: string; kind: string; name: string | null; phone: string | null; idNo: string | null; confidential: boolean; canReveal: boolean }
interface CaseView {
  id: string; type: string; typeLabel: string; number: string; orgId: string; orgName: string; state: string; stateLabel: string; terminal: boolean;
  title: string; facts: Fact[]; filedOn: string; version: number; dueAt: string | null; warningLevel: string; closedAt: string | null;
  orgs: { orgId: string; orgName: string; role: string }[];
  parties: Party[];
  timeline: {
    seq: number; action: string; label: string; stateLabel: string; actorName: string; occurredAt: string; recordedAt: string | null;
    details: { label: string; value: string }[]; public: boolean;
  }[];
  clocks: Clock[];
  abilities: CaseAbilities;
}
interface FileRow { id: string; name?: string; fileName?: string; filename?: string; size?: number; contentType?: string; uploadedAt?: string; createdAt?: string; uploaderName?: string; sha256?: string; hash?: string }
interface Revealed { name: string | null; phone: string | null; idNo: string | null; address: string | null }

const yuan = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

/** A fact's value in words, by its kind. */
function factText(f: Fact): ReactNode {
  const v = f.value;
  switch (f.kind) {
    case 'date': return fmtDate(String(v));
    case 'datetime': return fmtDateTime(String(v));
    case 'days': return t('fact.days', { n: String(v) });
    case 'workdays': return t('fact.workdays', { n: String(v) });
    case 'money': return typeof v === 'number' ? yuan.format(v) : String(v);
    case 'longText': return <span style={{ whiteSpace: 'pre-wrap' }}>{String(v)}</span>;
    case 'pairs': return typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).map(([k, x]) => <div key={k}>{k}：{x}</div>) : fmtValue(v);
    default: return fmtValue(v);
  }
}

type Item = NonNullable<DescriptionsProps['items']>[number];
/** Long facts take a row of their own (two columns from md up): the short fact before one fills its row. */
function spanRows(items: (Item & { long?: boolean })[]): Item[] {
  const out: Item[] = items.map(({ long: _long, ...it }) => it);
  let col = 0;
  items.forEach((it, i) => {
    if (!it.long) { col = (col + 1) % 2; return; }
    if (col === 1) out[i - 1] = { ...out[i - 1], span: 'filled' };
    out[i] = { ...out[i], span: 'filled' };
    col = 0;
  });
  return out;
}

/** A deadline card: what kind of limit, its status (已超期 once past), the due day and the time left as people say it. */
function ClockCard({ c }: { c: Clock }) {
  const left = c.remaining !== null && c.status !== 'stopped' ? remainingZh(c.remaining, c.unit as ClockUnit) : null;
  const status = c.status === 'stopped' ? (c.metDeadline === false ? t('clock.stoppedLate') : t('clock.stoppedOnTime'))
    : left?.overdue ? t('clock.overdue') : t(`clock.status.${c.status}`);
  const title = (
    <Space size={4} style={{ maxWidth: '100%' }}>
      <Tag color={c.limitKind === 'statutory' ? 'blue' : c.limitKind === 'promised' ? 'green' : 'default'} data-testid="clock-kind">
        {t(`clock.kind.${c.limitKind}`)}
      </Tag>
      <Typography.Text ellipsis={{ tooltip: c.label }} style={{ maxWidth: 260 }}>{c.label}</Typography.Text>
    </Space>
  );
  return (
    <Card size="small" title={title} extra={<Space><Tag color={left?.overdue ? 'red' : undefined} data-testid="clock-status">{status}</Tag>
      {c.status !== 'stopped' && !left?.overdue && <LevelTag level={c.level} />}</Space>} style={{ marginBottom: 12 }} data-testid="clock">
      <Descriptions size="small" column={1} items={[
        { key: 'due', label: t('clock.dueDate'), children: <strong data-testid="clock-due">{c.dueDate ?? '—'}</strong> },
        ...(left ? [{ key: 'rem', label: t('clock.remaining'), children: <span data-testid="clock-remaining">{left.text}</span> }] : []),
        { key: 'basis', label: t('clock.basis'), children: c.basis },
      ]} />
      {!c.sourced && <Alert type="info" showIcon title={t('clock.notSourced')} style={{ margin: '8px 0' }} />}
      {c.status === 'unknown' && <Alert type="warning" showIcon title={t('clock.unknownYear', { year: c.unknownYear ?? '' })} style={{ margin: '8px 0' }} />}
      {c.explanation.length > 0 && <ol className="explain">{c.explanation.map((s, i) => <li key={i}>{s}</li>)}</ol>}
    </Card>
  );
}

/** The generic case page (/console/cases/:id) of every case type. */
export default function CasePage({ params }: ScreenProps) {
  const id = params.id;
  const { message, modal } = App.useApp();
  const [view, setView] = useState<CaseView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [type, setType] = useState<CaseTypeInfo | null>(null);
  const [files, setFiles] = useState<FileRow[]>([]);
  const [acting, setActing] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Record<string, Revealed>>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [orgs, setOrgs] = useState<Org[]>([]);
  useEffect(() => { listOrgs().then(setOrgs, () => undefined); }, []);
  const tree = useMemo(() => orgTree(orgs), [orgs]);
  const ab = useCaseAbilities(view?.abilities);

  const refresh = useCallback(async () => {
    try {
      const v = await api.get<CaseView>(`/api/v1/cases/${id}`);
      setView(v); setError(null);
      caseTypes().then((ts) => setType(ts.find((x) => x.type === v.type) ?? null), () => undefined);
      api.get<FileRow[] | { items: FileRow[] }>(`/api/v1/cases/${id}/files`).then((r) => setFiles(Array.isArray(r) ? r : r.items ?? []), () => setFiles([]));
    } catch (e) {
      if (e instanceof ApiError) setError(e); else message.error((e as Error).message);
    }
  }, [id, message]);

  useEffect(() => { void refresh(); }, [refresh]);

  if (error) return <Result status={error.status === 404 ? '404' : error.status === 403 ? '403' : 'error'} title={error.title} subTitle={error.detail}
    extra={<Button onClick={() => navigate('/console')}>{t('nav.work')}</Button>} />;
  if (!view) return <Card><Skeleton active /></Card>;

  const actionDef = acting ? type?.actions[acting] : undefined;
  const actionAb = acting ? ab.action(acting) : undefined;

  async function perform(name: string, input: Record<string, unknown>, key: string, occurredAt?: string) {
    try {
      await api.post(`/api/v1/cases/${id}/actions`, { action: name, input, version: view?.version, occurredAt }, { 'Idempotency-Key': key });
      message.success(t('case.actionDone', { action: ab.action(name)?.label ?? name }));
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await refresh();
        if (!acting) { modal.error({ title: e.title, content: e.detail }); return; }
      }
      throw e;
    }
  }

  function clickAction(a: CaseAbilities['actions'][number]) {
    // a form when there is input, or when the act may be recorded with the time it happened
    if (a.hasInput || ab.recordLate) { setActing(a.name); return; }
    const key = newIdempotencyKey(); // one per opened dialog
    modal.confirm({
      title: a.label, content: a.confirm ?? t('case.confirmAction', { action: a.label }), okButtonProps: { danger: a.danger },
      onOk: async () => {
        try { await perform(a.name, {}, key); }
        catch (e) { if (e instanceof ApiError && e.status !== 409) modal.error({ title: e.title, content: e.text }); }
      },
    });
  }

  async function reveal(p: Party) {
    modal.confirm({
      title: t('case.revealTitle'), content: t('case.revealWarn'),
      onOk: async () => {
        try {
          const r = await api.post<Revealed>(`/api/v1/cases/${id}/parties/${p.id}/reveal`);
          setRevealed((old) => ({ ...old, [p.id]: r }));
        } catch (e) { message.error((e as Error).message); }
      },
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <a href="/console" onClick={(e) => { e.preventDefault(); navigate('/console'); }}>{t('nav.work')}</a> }, { title: view.number }]} />
      <Card
        title={<Space wrap><span>{view.title}</span><Tag color="blue" data-testid="case-state">{view.stateLabel}</Tag>{!view.terminal && <LevelTag level={view.warningLevel} />}</Space>}
        extra={<Typography.Text copyable type="secondary">{view.number}</Typography.Text>}>
        <Space wrap data-testid="case-actions">
          {ab.actions.length === 0 && <Typography.Text type="secondary">{view.terminal ? t('case.closed') : t('case.noActions')}</Typography.Text>}
          {/* one primary act (the first that is not destructive); destructive acts alone in the danger colour */}
          {ab.actions.map((a) => (
            <Button key={a.name} type={a === ab.actions.find((x) => !x.danger) ? 'primary' : 'default'} danger={a.danger}
              onClick={() => clickAction(a)}>{a.label}</Button>
          ))}
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('case.facts')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="facts" items={spanRows([
              { key: '_type', label: t('work.type'), children: view.typeLabel },
              { key: '_org', label: t('work.org'), children: view.orgs.length ? view.orgs.map((o) => `${o.orgName}${o.role !== 'owner' ? `（${tf(`case.orgRole.${o.role}`, o.role)}）` : ''}`).join('、') : view.orgName },
              { key: '_filed', label: t('case.filedOn'), children: fmtDate(view.filedOn) },
              ...(view.closedAt ? [{ key: '_closed', label: t('case.closedAt'), children: fmtDateTime(view.closedAt) }] : []),
              ...view.facts.map((f) => ({ key: f.key, label: f.label, children: factText(f), long: f.kind === 'longText' || f.kind === 'pairs' })),
            ])} styles={{ label: { maxWidth: 168 } }} />
          </Card>
          <Card title={t('case.parties')} size="small" style={{ marginBottom: 16 }} data-testid="parties">
            {view.parties.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
              <Table<Party> rowKey="id" size="small" pagination={false} dataSource={view.parties} columns={[
                { title: t('case.partyRole'), dataIndex: 'role', render: (r: string, p) => <>{tf(`party.${r}`, r)}{p.confidential && <Tag color="purple" style={{ marginLeft: 4 }}>{t('case.confidential')}</Tag>}</> },
                { title: t('case.partyName'), dataIndex: 'name', render: (v, p) => revealed[p.id]?.name ?? fmtValue(v) },
                { title: t('case.partyPhone'), dataIndex: 'phone', render: (v, p) => revealed[p.id]?.phone ?? fmtValue(v) },
                { title: t('case.partyIdNo'), dataIndex: 'idNo', render: (v, p) => revealed[p.id]?.idNo ?? fmtValue(v) },
                { title: t('case.partyAddress'), key: 'addr', render: (_, p) => revealed[p.id] ? fmtValue(revealed[p.id].address) : '—' },
                { title: '', key: 'op', width: 80, render: (_, p) => p.canReveal && !revealed[p.id] ? <Button size="small" onClick={() => void reveal(p)}>{t('case.reveal')}</Button> : null },
              ]} />
            )}
          </Card>
          <Card title={t('case.files')} size="small" data-testid="files" extra={!view.terminal && (
            <Upload showUploadList={false} customRequest={async ({ file }) => {
              setProgress(0);
              try { await upload(`/api/v1/cases/${id}/files`, file as File, setProgress); message.success(t('case.uploaded')); await refresh(); }
              catch (e) { message.error((e as Error).message); }
              finally { setProgress(null); }
            }}><Button loading={progress !== null}>{progress !== null ? `${progress}%` : t('case.upload')}</Button></Upload>
          )}>
            <List size="small" dataSource={files} locale={{ emptyText: t('case.noFiles') }} renderItem={(f) => (
              <List.Item>
                <a href={`/api/v1/files/${f.id}`} download>{f.name ?? f.fileName ?? f.filename ?? f.id}</a>
                <Typography.Text type="secondary">{f.size !== undefined ? `${f.size < 1024 ? `${f.size} B` : f.size < 1048576 ? `${Math.ceil(f.size / 1024)} KB` : `${(f.size / 1048576).toFixed(1)} MB`} · ` : ''}{fmtDateTime(f.uploadedAt ?? f.createdAt)}{f.uploaderName ? ` · ${f.uploaderName}` : ''}</Typography.Text>
              </List.Item>
            )} />
          </Card>
          <DocumentsPanel caseId={view.id} version={view.version} />
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('case.clocks')} size="small" style={{ marginBottom: 16 }} data-testid="clocks">
            {view.clocks.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noClocks')} /> : view.clocks.map((c) => <ClockCard key={c.key} c={c} />)}
          </Card>
          <Card title={t('case.timeline')} size="small" data-testid="timeline">
            <Timeline items={view.timeline.map((e) => ({
              key: e.seq,
              content: (
                <div>
                  <div><strong>{e.label}</strong> → {e.stateLabel} {!e.public && <Tag>{t('case.internal')}</Tag>}</div>
                  <Typography.Text type="secondary">{fmtDateTime(e.occurredAt)} · {e.actorName}</Typography.Text>
                  {e.recordedAt && <div><Tag color="gold">{t('case.recordedLate', { at: fmtDateTime(e.recordedAt) })}</Tag></div>}
                  {e.details.length > 0 && (
                    <div style={{ fontSize: 12, color: '#595959' }} data-testid="timeline-details">
                      {e.details.map((d) => <div key={d.label}>{d.label}：{d.value}</div>)}
                    </div>
                  )}
                </div>
              ),
            }))} />
          </Card>
        </Col>
      </Row>
      <ActionModal open={!!acting} title={actionAb?.label ?? actionDef?.label ?? ''} schema={actionDef?.schema} confirm={actionAb?.confirm ?? actionDef?.confirm} danger={actionAb?.danger}
        orgs={tree} recordLate={ab.recordLate} onClose={() => setActing(null)}
        onSubmit={(input, key, occurredAt) => perform(acting as string, input, key, occurredAt)} />
    </Space>
  );
}
