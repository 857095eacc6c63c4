import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Dropdown, Layout, Menu, Result, Spin, Typography, type MenuProps } from 'antd';
import { api, ApiError, setCsrfToken, setSessionExpiredHandler } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { navigate, useLocation } from '../lib/router.ts';
import { holds, loadSession, SessionContext, type SessionCtx, type SessionUser } from './session.ts';
import { activeMenu, CONSOLE_PAGES, findPage, firstPageUnder, menuItems } from './navigation.ts';
import { Login } from './Login.tsx';
import { ChangePassword } from './ChangePassword.tsx';
import { NotificationBell } from './NotificationBell.tsx';

const { Header, Sider, Content } = Layout;

/** The console shell: session, side menu and routes from the spine's pages and the module list (console/navigation.ts). */
export function ConsoleApp() {
  const { message } = App.useApp();
  const { pathname, search } = useLocation();
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [pwOpen, setPwOpen] = useState(false);
  /** Submenus the user has closed (all are open at first, so that every page is one click away). */
  const [closed, setClosed] = useState<string[]>([]);
  useEffect(() => { if (user?.mustChangePassword) setPwOpen(true); }, [user]);

  const toLogin = useCallback((msg: string | null) => {
    setUser(null);
    setCsrfToken(null);
    setNotice(msg);
    const here = window.location.pathname + window.location.search;
    if (!here.startsWith('/console/login')) navigate(`/console/login?next=${encodeURIComponent(here)}`, { replace: true });
  }, []);

  useEffect(() => {
    setSessionExpiredHandler(() => toLogin(t('login.expired')));
    loadSession().then((u) => {
      setUser(u);
      if (!u) toLogin(null);
    }, (e: unknown) => {
      if (e instanceof ApiError && e.code === 'session_expired') return; // handler already ran
      toLogin(e instanceof ApiError && e.status === 401 ? null : (e as Error).message);
    });
    return () => setSessionExpiredHandler(null);
  }, [toLogin]);

  const ctx = useMemo<SessionCtx | null>(() => user ? { user, can: (a) => holds(user.abilities, a) } : null, [user]);
  const visible = useMemo(() => (ctx ? CONSOLE_PAGES.filter((p) => ctx.can(p.ability)) : []), [ctx]);
  const path = pathname.replace(/\/+$/, '') || '/console';
  const found = findPage(path);
  const root = !found ? firstPageUnder(path, visible) : undefined;
  useEffect(() => { if (root) navigate(root.path, { replace: true }); }, [root]);
  useEffect(() => { document.title = `${found ? `${t(found.page.title)} · ` : ''}${t('app.consoleTitle')}`; }, [found]);

  if (user === undefined) return <div className="center-screen"><Spin size="large" /></div>;

  if (!user || !ctx || pathname.startsWith('/console/login')) {
    return <Login notice={notice} onLoggedIn={(u) => {
      setUser(u); setNotice(null);
      const next = search.get('next');
      navigate(next && next.startsWith('/console') && !next.startsWith('/console/login') ? next : '/console', { replace: true });
    }} />;
  }

  const home = <Button onClick={() => navigate('/console')}>{t('nav.work')}</Button>;
  let body;
  if (found && ctx.can(found.page.ability)) body = <found.page.screen params={found.params} />;
  else if (found) body = <Result status="403" title={t('common.forbidden')} subTitle={t('common.forbiddenHelp')} extra={home} />;
  else if (root) body = <div className="center"><Spin /></div>;
  else body = <Result status="404" title={t('common.pageNotFound')} extra={home} />;
  const items = menuItems((p) => visible.includes(p));
  const active = activeMenu(path, visible);
  const groups = items.filter((i) => 'children' in i).map((i) => i.key);

  async function logout() {
    try { await api.post('/api/v1/auth/logout'); } catch { /* the session may already be gone */ }
    setCsrfToken(null);
    setUser(null);
    setNotice(t('login.loggedOut'));
    navigate('/console/login', { replace: true });
    message.success(t('login.loggedOut'));
  }

  return (
    <SessionContext.Provider value={ctx}>
      <a className="skip-link" href="#content">{t('portal.skip')}</a>
      <Layout style={{ minHeight: '100vh' }}>
        <Sider breakpoint="lg" collapsedWidth={0} width={208} theme="dark">
          <div className="logo"><span className="logo-mark" aria-hidden="true">{t('app.mark')}</span>{t('app.name')}</div>
          <Menu theme="dark" mode="inline" selectedKeys={active ? [active.path] : []} items={items as MenuProps['items']}
            openKeys={groups.filter((k) => !closed.includes(k))}
            onOpenChange={(open) => setClosed(groups.filter((k) => !open.includes(k)))}
            onClick={(e) => navigate(e.key)} />
        </Sider>
        <Layout>
          <Header className="console-header">
            <Typography.Text strong>{t('app.consoleTitle')}</Typography.Text>
            <span className="header-tools">
              {ctx.can('notification.view') ? <NotificationBell pathname={pathname} /> : null}
              <Dropdown menu={{
                items: [{ key: 'pw', label: t('pw.title') }, { key: 'logout', label: t('login.logout') }],
                onClick: (e) => (e.key === 'pw' ? setPwOpen(true) : void logout()),
              }}>
                <Button type="text" aria-label={t('header.userMenu')}>{user.displayName || user.username} ▾</Button>
              </Dropdown>
            </span>
          </Header>
          <Content id="content" tabIndex={-1} className="console-content">
            <Suspense fallback={<div className="center"><Spin /></div>}>{body}</Suspense>
          </Content>
        </Layout>
      </Layout>
      <ChangePassword open={pwOpen} onClose={() => setPwOpen(false)} />
    </SessionContext.Provider>
  );
}
