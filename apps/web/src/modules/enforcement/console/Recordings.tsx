import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { App, Alert, Button, Card, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { api, upload } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { CaseLink } from '../../../console/components/CaseLink.tsx';

interface Act { seq: number; act: string; label: string; on: string; fileId?: string; filename?: string; sm3?: string; kind?: string }
interface View { id: string; number: string; title: string; acts: Act[]; gaps: string[] }

/**
 * 全过程记录: the acts of a penalty case that the county requires an 音像记录 of, each with its recording (SM3) or its gap; the officer
 * uploads the video or audio of a missing one (the case's timeline records it as 附音像记录). The case may come in the link (?number=…).
 */
export default function Recordings() {
  const { message } = App.useApp();
  const [number, setNumber] = useState(() => new URLSearchParams(window.location.search).get('number') ?? '');
  const [view, setView] = useState<View | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const load = useCallback((n: string) => {
    if (!n.trim()) return Promise.resolve();
    return api.get<View>('/api/v1/enforcement/recordings', { number: n.trim() }).then(setView, (e: Error) => { setView(null); message.error(problemText(e)); });
  }, [message]);
  useEffect(() => { void load(new URLSearchParams(window.location.search).get('number') ?? ''); }, [load]);
  const find = (e: FormEvent) => { e.preventDefault(); void load(number); };
  return (
    <Card title={t('enforcement.recordings.title')}>
      <Typography.Paragraph type="secondary">{t('enforcement.recordings.intro')}</Typography.Paragraph>
      <form onSubmit={find}>
        <Space style={{ marginBottom: 12 }}>
          <label htmlFor="er-number">{t('enforcement.recordings.number')}</label>
          <Input id="er-number" value={number} onChange={(e) => setNumber(e.target.value)} style={{ width: 220 }} />
          <Button htmlType="submit">{t('enforcement.recordings.find')}</Button>
        </Space>
      </form>
      {view && (<>
        <p><CaseLink id={view.id} number={view.number} /> {view.title}</p>
        {view.gaps.length > 0
          ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('enforcement.recordings.gaps', { n: view.gaps.length })}
            description={<ul data-testid="er-gaps">{view.gaps.map((g) => <li key={g}>{g}</li>)}</ul>} />
          : null}
        <Table<Act> rowKey="seq" size="small" pagination={false} dataSource={view.acts} locale={{ emptyText: t('enforcement.recordings.none') }} columns={[
          { key: 'act', dataIndex: 'label', title: t('enforcement.recordings.act') },
          { key: 'on', dataIndex: 'on', title: t('enforcement.recordings.on'), width: 120 },
          { key: 'status', title: t('enforcement.recordings.status'), render: (_, a) => (a.fileId
            ? <Space direction="vertical" size={0}><Tag color="green">{t('enforcement.recordings.uploaded')}（{a.kind}）</Tag>
              <a href={`/api/v1/files/${a.fileId}`} download>{a.filename}</a>
              <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>SM3 {a.sm3}</Typography.Text></Space>
            : <Space><Tag color="red">{t('enforcement.recordings.missing')}</Tag>
              <Upload showUploadList={false} accept="video/*,audio/*" customRequest={async ({ file }) => {
                setBusy(a.seq);
                try {
                  await upload(`/api/v1/enforcement/cases/${view.id}/recordings?seq=${a.seq}`, file as File);
                  message.success(t('enforcement.recordings.uploaded'));
                  await load(view.number);
                } catch (e) { message.error(problemText(e as Error)); } finally { setBusy(null); }
              }}><Button loading={busy === a.seq}>{t('enforcement.recordings.upload')}</Button></Upload></Space>) },
        ]} />
      </>)}
    </Card>
  );
}
