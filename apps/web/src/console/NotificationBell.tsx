import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Spin, Typography } from 'antd';
import { api } from '../lib/api.ts';
import { fmtDateTime } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';

interface Notice { id: string; title: string; body: string; caseId: string | null; createdAt: string; readAt: string | null }

/** How often the bell asks for the unread count while the tab is visible (and on every navigation). */
const POLL_MS = 60_000;

const BellIcon = () => (
  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" /><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </svg>
);

/**
 * The console's bell (issue 11): the unread count of the user's own in-app notices (theirs and their orgs': 派单, 退单, 督办,
 * approvals waiting, 黄牌 / 红牌), polled every minute while the tab is visible and on navigation; the inbox lists the
 * latest with their time (Beijing) and opens each one's case page, marking it read.
 */
export function NotificationBell({ pathname }: { pathname: string }) {
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notice[] | null>(null);

  const count = useCallback(() => {
    if (document.visibilityState === 'hidden') return;
    api.get<{ unread: number }>('/api/v1/notifications/unread-count').then((r) => setUnread(r.unread), () => { /* the next poll retries */ });
  }, []);
  useEffect(() => { count(); }, [count, pathname]);
  useEffect(() => {
    const timer = window.setInterval(count, POLL_MS);
    document.addEventListener('visibilitychange', count);
    return () => { window.clearInterval(timer); document.removeEventListener('visibilitychange', count); };
  }, [count]);

  const load = useCallback(() => {
    setItems(null);
    api.get<Notice[]>('/api/v1/notifications').then((r) => setItems(r.slice(0, 30)), () => setItems([]));
  }, []);

  async function openNotice(n: Notice) {
    setOpen(false);
    if (!n.readAt) {
      setUnread((u) => Math.max(0, u - 1));
      await api.post(`/api/v1/notifications/${n.id}/read`).catch(() => undefined);
    }
    if (n.caseId) navigate(`/console/cases/${n.caseId}`);
  }
  async function readAll() {
    await api.post('/api/v1/notifications/read-all');
    setUnread(0);
    load();
  }

  const inbox = (
    <div className="inbox">
      <div className="inbox-head">
        <Typography.Text strong>{t('inbox.title')}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} onClick={() => void readAll()}>{t('inbox.readAll')}</Button>
      </div>
      {items === null ? <div className="center"><Spin /></div> : items.length === 0 ? <Empty description={t('inbox.empty')} /> : (
        <List size="small" dataSource={items} renderItem={(n) => (
          <List.Item className={n.readAt ? 'inbox-item' : 'inbox-item inbox-unread'}>
            <a href={n.caseId ? `/console/cases/${n.caseId}` : '#'} onClick={(e) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
              e.preventDefault(); void openNotice(n);
            }}>
              <div>{n.readAt ? null : <Badge status="processing" className="inbox-dot" />}<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text></div>
              <Typography.Text type="secondary" ellipsis={{ tooltip: n.body }}>{n.body}</Typography.Text>
              <div><Typography.Text type="secondary" className="inbox-time">{fmtDateTime(n.createdAt)}</Typography.Text></div>
            </a>
          </List.Item>
        )} />
      )}
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" open={open} content={inbox} destroyOnHidden
      onOpenChange={(o) => { setOpen(o); if (o) load(); }}>
      <Button type="text" aria-label={t('inbox.bell', { n: unread })} data-testid="bell">
        <Badge count={unread} size="small" overflowCount={99}><BellIcon /></Badge>
      </Button>
    </Popover>
  );
}
