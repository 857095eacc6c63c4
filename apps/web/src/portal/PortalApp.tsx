import { useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { linkClick, match, useLocation } from '../lib/router.ts';
import { Home, type PublicInfo } from './Home.tsx';
import { Track } from './Track.tsx';
import { approvalsPage } from './approvals/Approvals.tsx';
import { DisclosureApply, DisclosureCatalogue, DisclosureItem, DisclosureReports } from './disclosure/Disclosure.tsx';
import { HotlineRate, HotlineSubmit } from './hotline/Hotline.tsx';

const LARGE_KEY = 'yifa.largeText';

function useLargeText(): [boolean, (v: boolean) => void] {
  const [on, setOn] = useState(() => { try { return localStorage.getItem(LARGE_KEY) === '1'; } catch { return false; } });
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', on);
    try { localStorage.setItem(LARGE_KEY, on ? '1' : '0'); } catch { /* private mode */ }
  }, [on]);
  return [on, setOn];
}

export function PortalApp() {
  const { pathname, search } = useLocation();
  const [large, setLarge] = useLargeText();
  const [info, setInfo] = useState<PublicInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);

  useEffect(() => {
    api.get<PublicInfo>('/api/v1/public/info').then(setInfo, (e: Error) => setInfoError(e.message));
  }, []);
  useEffect(() => {
    document.title = `${info?.countyName ?? ''}${info ? ' · ' : ''}${t('portal.title')}`;
  }, [info]);

  const trackParams = match('/p/track/:number', pathname);
  let page;
  const approvals = approvalsPage(pathname);
  if (pathname === '/p/track' || trackParams) page = <Track number={trackParams?.number} />;
  else if (approvals) page = approvals;
  else if (pathname === '/p/disclosure/apply') page = <DisclosureApply />;
  else if (pathname === '/p/disclosure') page = <DisclosureCatalogue />;
  else if (match('/p/disclosure/items/:id', pathname)) page = <DisclosureItem id={match('/p/disclosure/items/:id', pathname)!.id} />;
  else if (pathname === '/p/disclosure/reports' || match('/p/disclosure/reports/:id', pathname)) page = <DisclosureReports id={match('/p/disclosure/reports/:id', pathname)?.id} />;
  else if (pathname === '/p/hotline') page = <HotlineSubmit mailbox={search.get('channel') === 'mailbox'} />;
  else if (pathname.startsWith('/p/hotline/rate')) page = <HotlineRate number={match('/p/hotline/rate/:number', pathname)?.number} />;
  else if (pathname === '/' || pathname === '') page = <Home info={info} error={infoError} />;
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
            <span className="brand-mark" aria-hidden="true">依</span>
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
          <a href="/" aria-current={pathname === '/' ? 'page' : undefined} onClick={(e) => linkClick(e, '/')}>{t('portal.home')}</a>
          <a href="/p/track" aria-current={pathname.startsWith('/p/track') ? 'page' : undefined} onClick={(e) => linkClick(e, '/p/track')}>{t('portal.track.title')}</a>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="wrap main">{page}</main>
      <footer className="site-footer">
        <div className="wrap">
          <p>{t('portal.footer')}</p>
          <p><a href="/console">{t('portal.staff')}</a></p>
        </div>
      </footer>
    </>
  );
}
