import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import type { ScreenProps } from '../../types.ts';
import { useLocation } from '../../../lib/router.ts';

interface BundleView { scenario: string; combined: string; parts: { number: string; itemName: string; stateLabel: string }[] }

/** A 情景办件 (/p/bundles/:number): the combined state and each item's progress. */
export default function Bundle({ params }: ScreenProps) {
  const [b, setB] = useState<BundleView | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const code = useLocation().search.get('code') ?? '';
  useEffect(() => {
    if (!code) { setErr(t('portal.track.needFactor')); return; }
    api.get<BundleView>(`/api/v1/public/bundles/${encodeURIComponent(params.number)}?code=${encodeURIComponent(code)}`).then(setB, (e: Error) => setErr(e.message));
  }, [params.number, code]);
  if (err) return <p className="alert" role="alert">{err}</p>;
  if (!b) return <p>{t('common.loading')}</p>;
  return (
    <section className="card" aria-labelledby="bd-title">
      <h1 id="bd-title">{b.scenario} · {params.number}</h1>
      <p>{t('approvals.portal.bundleStatus')}：<span className="badge">{b.combined}</span></p>
      <ul className="pf-list">
        {b.parts.map((p) => <li key={p.number}>{p.number} {p.itemName} — {p.stateLabel}</li>)}
      </ul>
    </section>
  );
}
