import { t } from '../lib/i18n.ts';
import { linkClick } from '../lib/router.ts';

export interface PublicInfo {
  countyName: string;
  regionCode: string;
  entries: { key: string; label: string; description: string; href: string }[];
}

function isLocal(href: string) { return href.startsWith('/') && !href.startsWith('//'); }

export function Home({ info, error }: { info: PublicInfo | null; error: string | null }) {
  // One source: the server lists the entries (查询办理进度 and each module manifest's portalEntries).
  const all = info?.entries ?? [];
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{info ? t('portal.welcome', { county: info.countyName }) : t('portal.title')}</h1>
        <p>{t('portal.intro')}</p>
      </section>
      {error && <p className="alert" role="alert">{t('portal.infoError')}</p>}
      <section aria-labelledby="entries-title">
        <h2 id="entries-title" className="sr-only">{t('portal.entries')}</h2>
        <ul className="entries">
          {all.map((e) => (
            <li key={e.key}>
              <a className="entry" href={e.href} onClick={isLocal(e.href) && e.href.startsWith('/p/') ? (ev) => linkClick(ev, e.href) : undefined}>
                <span className="entry-label">{e.label}</span>
                <span className="entry-desc">{e.description}</span>
                <span className="entry-go" aria-hidden="true">›</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
