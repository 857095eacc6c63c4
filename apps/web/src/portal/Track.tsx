import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../lib/api.ts';
import { fmtDate, fmtDateTime } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { navigate, useLocation } from '../lib/router.ts';
import type { ScreenProps } from '../modules/types.ts';
import { TrackRating } from './TrackRating.tsx';

export interface TrackView {
  number: string; typeLabel: string; title: string; orgName: string | null; stateLabel: string; filedOn: string; closedAt: string | null;
  /** A confidential matter (举报…): only its number and state are shown. */
  confidential?: boolean;
  timeline: { label: string; stateLabel: string; occurredAt: string }[];
  /** The public part of the latest answer: outcome, released text (redacted), the act's date and the unit that answered. */
  answer?: { label: string; outcome: string; text: string | null; fields: { label: string; value: string }[]; occurredAt: string; orgName: string } | null;
  clocks: { label: string; status: string; dueDate: string | null; level: string; metDeadline: boolean | null; explanation: string[]; basis: string }[];
}

function clockStatus(c: TrackView['clocks'][number]): string {
  if (c.status === 'stopped') return c.metDeadline === false ? t('clock.stoppedLate') : t('clock.stoppedOnTime');
  return t(`clock.status.${c.status}`);
}

/**
 * 查询办理进度 (/p/track, /p/track/:number?code=…): the number and a second factor — the code on the receipt, or the phone given
 * when submitting — then state, deadlines with their explanation, timeline; never personal data.
 */
export default function Track({ params }: ScreenProps) {
  const number = params.number;
  const { search } = useLocation();
  const code = search.get('code') ?? '';
  const [value, setValue] = useState(number ?? '');
  const [factor, setFactor] = useState(code);
  const [phone, setPhone] = useState('');
  const [byPhone, setByPhone] = useState<{ number: string; phone: string } | null>(null);
  const [data, setData] = useState<TrackView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setValue(number ?? '');
    setFactor(code);
    if (!number || (!code && byPhone?.number !== number)) { setData(null); setError(null); return; }
    const ctrl = new AbortController();
    setLoading(true); setError(null); setData(null);
    const req = code
      ? api.get<TrackView>(`/api/v1/public/track/${encodeURIComponent(number)}?code=${encodeURIComponent(code)}`, undefined, ctrl.signal)
      : api.post<TrackView>('/api/v1/public/track', { number, phone: byPhone?.phone });
    req
      .then((d) => { setData(d); })
      .catch((e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        if (e instanceof ApiError && e.status === 404) setError(t('portal.track.notFound'));
        else if (e instanceof ApiError) setError(e.text);
        else setError(t('common.networkError'));
      })
      .finally(() => { if (!ctrl.signal.aborted) { setLoading(false); setTimeout(() => resultRef.current?.focus(), 0); } });
    return () => ctrl.abort();
  }, [number, code, byPhone]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const v = value.trim().toUpperCase();
    if (!v) { setError(t('portal.track.empty')); return; }
    const f = factor.trim().toUpperCase();
    if (!f && !phone.trim()) { setError(t('portal.track.needFactor')); return; }
    // A phone never goes into the address (it would sit in histories and logs): it is posted.
    if (!f) setByPhone({ number: v, phone: phone.trim() });
    navigate(`/p/track/${encodeURIComponent(v)}${f ? `?code=${encodeURIComponent(f)}` : ''}`);
  }

  return (
    <>
      <section className="card" aria-labelledby="track-title">
        <h1 id="track-title">{t('portal.track.title')}</h1>
        <p className="muted">{t('portal.track.help')}</p>
        <form className="track-form" onSubmit={submit} role="search">
          <label htmlFor="track-number">{t('portal.track.label')}</label>
          <div className="row">
            <input id="track-number" name="number" value={value} onChange={(e) => setValue(e.target.value)}
              autoComplete="off" autoCapitalize="characters" spellCheck={false} inputMode="text"
              placeholder={t('portal.track.placeholder')} aria-describedby="track-hint" />
            <button type="submit" disabled={loading}>{loading ? t('common.loading') : t('portal.track.submit')}</button>
          </div>
          <p id="track-hint" className="hint">{t('portal.track.hint')}</p>
          <label htmlFor="track-code">{t('portal.track.code')}</label>
          <input id="track-code" name="code" value={factor} onChange={(e) => setFactor(e.target.value)} autoComplete="off"
            autoCapitalize="characters" spellCheck={false} maxLength={8} aria-describedby="track-code-hint" />
          <label htmlFor="track-phone">{t('portal.track.phone')}</label>
          <input id="track-phone" name="phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="tel"
            inputMode="tel" aria-describedby="track-code-hint" />
          <p id="track-code-hint" className="hint">{t('portal.track.codeHint')}</p>
        </form>
      </section>
      <div ref={resultRef} tabIndex={-1} aria-live="polite" className="result">
        {error && <p className="alert" role="alert">{error}</p>}
        {data && (
          <section className="card" aria-labelledby="case-title">
            <p className="eyebrow">{data.typeLabel} · <span className="mono">{data.number}</span></p>
            <h2 id="case-title">{data.title}</h2>
            {data.confidential && <p className="muted">{t('portal.track.confidential')}</p>}
            <dl className="facts">
              <div><dt>{t('portal.track.state')}</dt><dd><span className={`badge ${data.closedAt ? 'done' : ''}`}>{data.stateLabel}</span></dd></div>
              {data.orgName && <div><dt>{t('portal.track.org')}</dt><dd>{data.orgName}</dd></div>}
              <div><dt>{t('portal.track.filedOn')}</dt><dd>{fmtDate(data.filedOn)}</dd></div>
              {data.closedAt && <div><dt>{t('portal.track.closedAt')}</dt><dd>{fmtDateTime(data.closedAt)}</dd></div>}
            </dl>
            {data.clocks.length > 0 && (
              <>
                <h3>{t('portal.track.deadlines')}</h3>
                <ul className="clocks">
                  {data.clocks.map((c, i) => (
                    <li key={i} className={`clock level-${c.level}`}>
                      <div className="clock-head">
                        <strong>{c.label}</strong>
                        <span className="badge">{clockStatus(c)}</span>
                      </div>
                      {c.dueDate && <p>{t('portal.track.dueDate')}：<strong>{c.dueDate}</strong></p>}
                      {c.explanation.length > 0 && (
                        <details>
                          <summary>{t('portal.track.howComputed')}</summary>
                          <ol>{c.explanation.map((s, j) => <li key={j}>{s}</li>)}</ol>
                          {c.basis && <p className="muted">{t('clock.basis')}：{c.basis}</p>}
                        </details>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {data.answer && (
              <section className="answer" aria-labelledby="answer-title">
                <h3 id="answer-title">{t('portal.track.answer')}</h3>
                <dl className="facts">
                  <div><dt>{t('portal.track.answerOutcome')}</dt><dd><strong>{data.answer.outcome}</strong></dd></div>
                  <div><dt>{t('portal.track.answerOrg')}</dt><dd>{data.answer.orgName}</dd></div>
                  <div>
                    <dt>{t('portal.track.answerDate')}</dt>
                    <dd><time dateTime={data.answer.occurredAt}>{fmtDateTime(data.answer.occurredAt)}</time></dd>
                  </div>
                  {data.answer.fields.map((f) => <div key={f.label}><dt>{f.label}</dt><dd>{f.value}</dd></div>)}
                </dl>
                {data.answer.text && <p className="answer-text">{data.answer.text}</p>}
              </section>
            )}
            {data.closedAt && !data.confidential && <TrackRating number={data.number} factor={code ? { code } : { phone: byPhone?.phone }} />}
            <h3>{t('portal.track.timeline')}</h3>
            <ol className="timeline">
              {data.timeline.map((e, i) => (
                <li key={i}>
                  <time dateTime={e.occurredAt}>{fmtDateTime(e.occurredAt)}</time>
                  <span>{e.label}</span>
                  <span className="muted">→ {e.stateLabel}</span>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </>
  );
}
