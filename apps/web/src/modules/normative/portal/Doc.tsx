import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Link } from '../../../portal/components/Link.tsx';
import type { ScreenProps } from '../../types.ts';

interface Version { versionNo: number; title: string; regNo: string; docNo: string | null; publishedOn: string; statusLabel: string; url: string }
interface DocView {
  title: string; regNo: string; docNo: string | null; orgName: string; statusLabel: string; publishedOn: string; effectiveOn: string | null; validUntil: string | null;
  endedOn: string | null; versionNo: number; text: string; explanation: string; interpretation: string | null; commentDraft: string | null; adoption: string | null;
  versions: Version[];
}

const Block = ({ title, text }: { title: string; text: string | null }) => (text ? <section><h2>{title}</h2><div style={{ whiteSpace: 'pre-wrap' }}>{text}</div></section> : null);

/** One 规范性文件 at its stable address: /p/normative/:rootId (latest published version) or /p/normative/:rootId/v/:n. */
export default function Doc({ params }: ScreenProps) {
  const [d, setD] = useState<DocView | null>(null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    const url = params.versionNo ? `/api/v1/public/normative/docs/${params.rootId}/versions/${params.versionNo}` : `/api/v1/public/normative/docs/${params.rootId}`;
    api.get<DocView>(url).then(setD, (e: Error) => setErr(e.message));
  }, [params.rootId, params.versionNo]);
  if (err) return <section className="card"><p role="alert">{err}</p></section>;
  if (!d) return <section className="card"><p>{t('common.loading')}</p></section>;
  return (
    <article className="card">
      <h1>{d.title}</h1>
      <dl>
        <dt>{t('normative.col.regNo')}</dt><dd data-testid="norm-regno">{d.regNo}</dd>
        {d.docNo && <><dt>{t('normative.col.docNo')}</dt><dd>{d.docNo}</dd></>}
        <dt>{t('normative.col.org')}</dt><dd>{d.orgName}</dd>
        <dt>{t('normative.col.state')}</dt><dd data-testid="norm-status">{d.statusLabel}</dd>
        <dt>{t('normative.col.publishedOn')}</dt><dd>{d.publishedOn}</dd>
        {d.effectiveOn && <><dt>{t('normative.col.effectiveOn')}</dt><dd>{d.effectiveOn}</dd></>}
        {d.validUntil && <><dt>{t('normative.col.validUntil')}</dt><dd>{d.validUntil}</dd></>}
        <dt>{t('normative.col.version')}</dt><dd>{t('normative.doc.version', { n: d.versionNo })}</dd>
      </dl>
      <Block title={t('normative.doc.text')} text={d.text} />
      <Block title={t('normative.doc.explanation')} text={d.explanation} />
      <Block title={t('normative.doc.interpretation')} text={d.interpretation} />
      <Block title={t('normative.doc.draft')} text={d.commentDraft} />
      <Block title={t('normative.doc.adoption')} text={d.adoption} />
      <section>
        <h2>{t('normative.doc.versions')}</h2>
        <ol>{d.versions.map((v) => <li key={v.versionNo}><Link to={v.url}>{t('normative.doc.version', { n: v.versionNo })}</Link>
          {' '}<span className="muted">{v.regNo} · {v.docNo} · {v.publishedOn} · {v.statusLabel}</span></li>)}</ol>
      </section>
    </article>
  );
}
