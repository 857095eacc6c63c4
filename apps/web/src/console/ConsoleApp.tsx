import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App, Button, Dropdown, Layout, Menu, Result, Spin, Typography } from 'antd';
import { api, ApiError, setCsrfToken, setSessionExpiredHandler } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { match, navigate, useLocation } from '../lib/router.ts';
import { loadSession, SessionContext, type SessionUser } from './session.ts';
import { Login } from './Login.tsx';
import { ChangePassword } from './ChangePassword.tsx';

const Workbench = lazy(() => import('./pages/Workbench.tsx'));
const CasePage = lazy(() => import('./pages/CasePage.tsx'));
const Dashboard = lazy(() => import('./pages/Dashboard.tsx'));
const Orgs = lazy(() => import('./admin/Orgs.tsx'));
const Users = lazy(() => import('./admin/Users.tsx'));
const Tokens = lazy(() => import('./admin/Tokens.tsx'));
const CalendarAdmin = lazy(() => import('./admin/CalendarAdmin.tsx'));
const Audit = lazy(() => import('./admin/Audit.tsx'));
const HotlinePage = lazy(() => import('./modules/hotline/HotlinePage.tsx'));
const ApprovalsConsole = lazy(() => import('./modules/approvals/ApprovalsConsole.tsx'));
const DisclosureReport = lazy(() => import('./modules/disclosure/ReportEditor.tsx'));
const DisclosureCatalogue = lazy(() => import('./modules/disclosure/Catalogue.tsx'));

const { Header, Sider, Content } = Layout;

function routeOf(pathname: string): { key: string; node: ReactNode } {
  const p = pathname.replace(/\/+$/, '') || '/console';
  const c = match('/console/cases/:id', p);
  if (c) return { key: 'work', node: <CasePage id={c.id} /> };
  switch (p) {
    case '/console': return { key: 'work', node: <Workbench /> };
    case '/console/dashboard': return { key: 'dashboard', node: <Dashboard /> };
    case '/console/hotline': return { key: 'hotline', node: <HotlinePage /> };
    case '/console/approvals': return { key: 'approvals', node: <ApprovalsConsole /> };
    case '/console/admin/orgs': return { key: 'orgs', node: <Orgs /> };
    case '/console/admin/users': return { key: 'users', node: <Users /> };
    case '/console/admin/tokens': return { key: 'tokens', node: <Tokens /> };
    case '/console/admin/calendar': return { key: 'calendar', node: <CalendarAdmin /> };
    case '/console/admin/audit': return { key: 'audit', node: <Audit /> };
    case '/console/disclosure/report': return { key: 'disclosureReport', node: <DisclosureReport /> };
    case '/console/disclosure/catalogue': return { key: 'disclosureCatalogue', node: <DisclosureCatalogue /> };
    default: return { key: '', node: <Result status="404" title={t('common.pageNotFound')} extra={<Button onClick={() => navigate('/console')}>{t('nav.work')}</Button>} /> };
  }
}

const paths: Record<string, string> = {
  work: '/console', dashboard: '/console/dashboard', hotline: '/console/hotline', approvals: '/console/approvals', orgs: '/console/admin/orgs', users: '/console/admin/users',
  tokens: '/console/admin/tokens', calendar: '/console/admin/calendar', audit: '/console/admin/audit',
  disclosureReport: '/console/disclosure/report', disclosureCatalogue: '/console/disclosure/catalogue',
};

export function ConsoleApp() {
  const { message } = App.useApp();
  const { pathname, search } = useLocation();
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [pwOpen, setPwOpen] = useState(false);
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

  const ctx = useMemo(() => user ? {
    user,
    hasRole: (...roles: string[]) => user.roles.length === 0 || roles.some((r) => user.roles.includes(r)),
  } : null, [user]);

  if (user === undefined) return <div className="center-screen"><Spin size="large" /></div>;

  if (!user || !ctx || pathname.startsWith('/console/login')) {
    return <Login notice={notice} onLoggedIn={(u) => {
      setUser(u); setNotice(null);
      const next = search.get('next');
      navigate(next && next.startsWith('/console') && !next.startsWith('/console/login') ? next : '/console', { replace: true });
    }} />;
  }

  const route = routeOf(pathname);
  const isAdmin = ctx.hasRole('admin');
  const menuItems = [
    { key: 'work', label: t('nav.work') },
    ...(ctx.hasRole('dispatcher', 'handler', 'leader', 'supervisor', 'admin') ? [{ key: 'hotline', label: t('nav.hotline') }] : []),
    ...(ctx.hasRole('leader', 'supervisor', 'admin') ? [{ key: 'dashboard', label: t('nav.dashboard') }] : []),
    { key: 'approvals', label: t('nav.approvals') },
    ...(ctx.hasRole('handler', 'leader', 'admin') ? [{ key: 'disclosureReport', label: t('nav.disclosureReport') }, { key: 'disclosureCatalogue', label: t('nav.disclosureCatalogue') }] : []),
    ...(isAdmin || ctx.hasRole('supervisor') ? [{
      key: 'admin', label: t('nav.admin'), children: [
        ...(isAdmin ? [
          { key: 'orgs', label: t('nav.orgs') }, { key: 'users', label: t('nav.users') },
          { key: 'tokens', label: t('nav.tokens') }, { key: 'calendar', label: t('nav.calendar') },
        ] : []),
        { key: 'audit', label: t('nav.audit') },
      ],
    }] : []),
  ];

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
        <Sider breakpoint="lg" collapsedWidth={0} width={200} theme="dark">
          <div className="logo"><span className="logo-mark">依</span>{t('app.name')}</div>
          <Menu theme="dark" mode="inline" selectedKeys={[route.key]} defaultOpenKeys={['admin']} items={menuItems}
            onClick={(e) => navigate(paths[e.key] ?? '/console')} />
        </Sider>
        <Layout>
          <Header className="console-header">
            <Typography.Text strong>{t('app.consoleTitle')}</Typography.Text>
            <Dropdown menu={{
              items: [{ key: 'pw', label: t('pw.title') }, { key: 'logout', label: t('login.logout') }],
              onClick: (e) => (e.key === 'pw' ? setPwOpen(true) : void logout()),
            }}>
              <Button type="text" aria-label={t('header.userMenu')}>{user.displayName || user.username} ▾</Button>
            </Dropdown>
          </Header>
          <Content id="content" tabIndex={-1} className="console-content">
            <Suspense fallback={<div className="center"><Spin /></div>}>{route.node}</Suspense>
          </Content>
        </Layout>
      </Layout>
      <ChangePassword open={pwOpen} onClose={() => setPwOpen(false)} />
    </SessionContext.Provider>
  );
}
