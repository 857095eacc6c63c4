import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../lib/api.ts';
import { usePublicForm } from '../lib/forms.ts';
import { t } from '../lib/i18n.ts';
import { FormAlert } from './components/Field.tsx';

interface Lookup { number: string; open: { invitationId: string }[]; ratings: { id: string; levelLabel: string; ratedAt: string }[] }

/**
 * 去评价 on the tracking page: the ratings module's own API (POST /public/ratings/lookup and /public/ratings, one rating per
 * handling), authorised by the same factor the page was opened with — the receipt's code or the phone given.
 */
export function TrackRating({ number, factor }: { number: string; factor: { code?: string; phone?: string } }) {
  const [look, setLook] = useState<Lookup | null>(null);
  const [open, setOpen] = useState(false);
  const [level, setLevel] = useState(0);
  const [comment, setComment] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const { errors, setErrors, busy, submit } = usePublicForm({ known: ['level', 'comment'] });
  const { code, phone } = factor;
  useEffect(() => {
    if (!code && !phone) return;
    api.post<Lookup>('/api/v1/public/ratings/lookup', { number, code, phone }).then(setLook, () => setLook(null));
  }, [number, code, phone]);
  if (!look) return null;
  async function rate(e: FormEvent) {
    e.preventDefault();
    if (!level) { setErrors({ level: t('portal.track.rateNeedLevel') }); return; }
    const r = await submit(async (keyFor) => {
      const x = await api.post<{ rectificationNumber: string | null }>('/api/v1/public/ratings',
        { number, code, phone, level, comment: comment.trim() || undefined }, { 'Idempotency-Key': keyFor('rate') });
      setLook(await api.post<Lookup>('/api/v1/public/ratings/lookup', { number, code, phone }));
      return x;
    });
    if (!r) return;
    setOpen(false);
    setMsg(t('portal.track.rateThanks') + (r.rectificationNumber ? t('portal.track.rateBad', { number: r.rectificationNumber }) : ''));
  }
  const given = look.ratings[0];
  return (
    <section className="track-rating" aria-labelledby="rate-title">
      {msg && <p className="pf-ok" role="status">{msg}</p>}
      {given && !look.open.length && <p id="rate-title">{t('portal.track.rated')}<strong>{given.levelLabel}</strong></p>}
      {look.open.length > 0 && !open
        && <button type="button" className="pf-btn" id="rate-title" onClick={() => setOpen(true)}>{t('portal.track.rate')}</button>}
      {look.open.length > 0 && open && (
        <form onSubmit={rate} noValidate>
          <fieldset className="pf-field pf-levels"><legend id="rate-title">{t('portal.track.rateTitle')}</legend>
            {[5, 4, 3, 2, 1].map((n) => <label key={n} className="pf-check">
              <input type="radio" name="level" value={n} checked={level === n} onChange={() => setLevel(n)} /> {t(`ratings.level.${n}`)}
            </label>)}
          </fieldset>
          {errors.level && <p className="error" role="alert">{errors.level}</p>}
          <label htmlFor="rate-comment">{t('portal.track.rateComment')}</label>
          <textarea id="rate-comment" maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
          {errors.comment && <p className="error" role="alert">{errors.comment}</p>}
          <FormAlert error={errors._} />
          <button type="submit" className="pf-btn" disabled={busy}>{t('portal.track.rateSubmit')}</button>
        </form>
      )}
    </section>
  );
}
