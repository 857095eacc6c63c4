import { Suspense, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { linkClick, match, useLocation } from '../lib/router.ts';
import { WEB_MODULES } from '../modules/index.ts';
import type { PortalPage } from '../modules/types.ts';
import { Home, type PublicInfo } from './Home.tsx';
import { SPINE_PORTAL } from './spine.ts';

const LARGE_KEY = 'yifa.largeText';
/** Every portal page: the spine's and each module's (list order). The home page's entries come from the server. */
const PAGES: PortalPage[] = [...SPINE_PORTAL, ...WEB_MODULES.flatMap((m) => m.portal ?? [])];

function useLargeText(): [boolean, (v: boolean) => void] {
  const [on, setOn] = useState(() => { try { return localStorage.getItem(LARGE_KEY) === '1'; } catch { return false; } });
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', on);
    try { localStorage.setItem(LARGE_KEY, on ? '1' : '0'); } catch { /* private mode */ }
  }, [on]);
  return [on, setOn];
}

function findPage(pathname: string): { page: PortalPage; params: Record<string, string> } | null {
  for (const page of PAGES) {
    const params = match(page.path, pathname);
    if (params) return { page, params };
  }
  return null;
}

export function PortalApp() {
  const { pathname } = useLocation();
  const [large, setLarge] = useLargeText();
  const [info, setInfo] = useState<PublicInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const path = pathname.replace(/\/+$/, '') || '/';
  const found = path === '/' ? null : findPage(path);

  useEffect(() => {
    api.get<PublicInfo>('/api/v1/public/info').then(setInfo, (e: Error) => setInfoError(e.message));
  }, []);
  useEffect(() => {
    const site = `${info?.countyName ?? ''}${info ? ' · ' : ''}${t('portal.title')}`;
    document.title = found ? `${t(found.page.title)} · ${site}` : site;
  }, [info, found]);

  let page;
  if (path === '/') page = <Home info={info} error={infoError} />;
  else if (found) page = <found.page.screen params={found.params} />;
  else page = (
    <section className="card" aria-labelledby="nf">
      <h1 id="nf">{t('portal.notFound')}</h1>
      <p><a href="/" onClick={(e) => linkClick(e, '/')}>{t('portal.backHome')}</a></p>
    </section>
  );

  return (
    <>
      <a className="skip-link" href="#main">{t('portal.skip')}</a>
      <header className="site-header">
        <div className="wrap header-row">
          <a className="brand" href="/" onClick={(e) => linkClick(e, '/')}>
            <span className="brand-mark" aria-hidden="true">{t('app.mark')}</span>
            <span>
              <span className="brand-county">{info?.countyName ?? t('portal.countyPlaceholder')}</span>
              <span className="brand-sub">{t('portal.title')}</span>
            </span>
          </a>
          <button type="button" className="toggle" aria-pressed={large} onClick={() => setLarge(!large)}>
            <span aria-hidden="true">{large ? '✓ ' : 'A+ '}</span>{t('portal.largeText')}
          </button>
        </div>
        <nav className="wrap nav" aria-label={t('portal.nav')}>
          <a href="/" aria-current={path === '/' ? 'page' : undefined} onClick={(e) => linkClick(e, '/')}>{t('portal.home')}</a>
          <a href="/p/track" aria-current={path.startsWith('/p/track') ? 'page' : undefined} onClick={(e) => linkClick(e, '/p/track')}>
            {t('portal.track.title')}
          </a>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="wrap main">
        <Suspense fallback={<section className="card"><p>{t('common.loading')}</p></section>}>{page}</Suspense>
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p>{t('portal.footer')}</p>
          <p><a href="/console">{t('portal.staff')}</a></p>
        </div>
      </footer>
    </>
  );
}
