import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../../lib/api.ts';
import { checkFields, usePublicForm } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { Field, FormAlert } from '../../../portal/components/Field.tsx';

interface Lookup {
  number: string; title: string; open: { invitationId: string }[];
  ratings: {
    id: string; levelLabel: string; rectification: { state: string; feedback: string | null } | null; canRateRectification: boolean;
    followupLevel: number | null;
  }[];
}
interface Ranking { items: { rank: number; orgName: string; n: number; satisfaction: number | null; bad: number }[] }

function Levels({ name, value, onChange, legend }: { name: string; value: number; onChange: (n: number) => void; legend: string }) {
  return (
    <fieldset className="pf-field pf-levels"><legend>{legend}</legend>
      {[5, 4, 3, 2, 1].map((n) => <label key={n} className="pf-check">
        <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} /> {t(`ratings.level.${n}`)}
      </label>)}
    </fieldset>
  );
}

/** 好差评 on the portal: find the handling by number + phone, rate it, rate the rectification, see the ranking. */
export default function Rate() {
  const [f, setF] = useState({ number: '', phone: '' });
  const [look, setLook] = useState<Lookup | null>(null);
  const [level, setLevel] = useState(0);
  const [follow, setFollow] = useState(0);
  const [comment, setComment] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [rank, setRank] = useState<Ranking | null>(null);
  const labels = { number: t('ratings.portal.number'), phone: t('ratings.portal.phone') };
  const { errors, submit } = usePublicForm({ known: ['number', 'phone', 'level', 'comment'], labels });
  const precheck = () => checkFields(f, { number: { label: labels.number, required: true }, phone: { label: labels.phone, required: true, kind: 'mobile' } });
  useEffect(() => { api.get<Ranking>('/api/v1/public/ratings/ranking').then(setRank, () => undefined); }, []);
  const lookup = () => api.post<Lookup>('/api/v1/public/ratings/lookup', { number: f.number.trim().toUpperCase(), phone: f.phone.trim() });
  async function find(e: FormEvent) {
    e.preventDefault(); setMsg(null);
    const r = await submit(() => lookup(), precheck());
    setLook(r ?? null);
  }
  async function rate(e: FormEvent) {
    e.preventDefault();
    if (!look) return;
    const r = await submit(async (keyFor) => {
      const body = { number: look.number, phone: f.phone.trim(), level, comment: comment || undefined };
      const x = await api.post<{ rectificationNumber: string | null }>('/api/v1/public/ratings', body, { 'Idempotency-Key': keyFor('rate') });
      setLook(await lookup());
      return x;
    });
    if (r) setMsg(t('ratings.portal.thanks') + (r.rectificationNumber ? t('ratings.portal.bad', { number: r.rectificationNumber }) : ''));
  }
  async function rateFollowup(id: string) {
    if (!look) return;
    const ok = await submit(async (keyFor) => {
      await api.post(`/api/v1/public/ratings/${id}/followup`, { number: look.number, phone: f.phone.trim(), level: follow },
        { 'Idempotency-Key': keyFor(`followup:${id}`) });
      setLook(await lookup());
      return true;
    });
    if (ok) setMsg(t('ratings.portal.thanks'));
  }
  return (
    <>
      <section className="card" aria-labelledby="rt-title">
        <h1 id="rt-title">{t('ratings.portal.title')}</h1>
        <p className="muted">{t('ratings.portal.intro')}</p>
        <form className="pf-row" onSubmit={find} noValidate>
          <Field id="rt-number" label={t('ratings.portal.number')} error={errors.number}>
            <input id="rt-number" value={f.number} onChange={(e) => setF({ ...f, number: e.target.value })} />
          </Field>
          <Field id="rt-phone" label={t('ratings.portal.phone')} error={errors.phone}>
            <input id="rt-phone" inputMode="tel" value={f.phone} onChange={(e) => setF({ ...f, phone: e.target.value })} />
          </Field>
          <button type="submit" className="pf-btn">{t('ratings.portal.find')}</button>
        </form>
        <FormAlert error={errors._ ?? errors.level ?? errors.comment} />
        {msg && <p className="pf-ok" role="status">{msg}</p>}
        {look && <>
          <h2>{look.number} · {look.title}</h2>
          {look.open.length > 0 ? (
            <form onSubmit={rate}>
              <Levels name="level" legend={t('ratings.portal.level')} value={level} onChange={setLevel} />
              <Field id="rt-comment" label={t('ratings.portal.comment')}>
                <textarea id="rt-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
              </Field>
              <button type="submit" className="pf-btn" disabled={!level}>{t('ratings.portal.submit')}</button>
            </form>
          ) : look.ratings.length === 0 && <p>{t('ratings.portal.none')}</p>}
          {look.ratings.map((r) => (
            <div key={r.id} className="pf-rating">
              <p>{t('ratings.portal.yours')}：<span className="badge">{r.levelLabel}</span></p>
              {r.rectification?.feedback && <p>{t('ratings.portal.rectification')}：{r.rectification.feedback}</p>}
              {r.canRateRectification && <div>
                <Levels name={`f-${r.id}`} legend={t('ratings.portal.followup')} value={follow} onChange={setFollow} />
                <button type="button" className="pf-btn" disabled={!follow} onClick={() => void rateFollowup(r.id)}>{t('ratings.portal.submit')}</button>
              </div>}
            </div>
          ))}
        </>}
      </section>
      {rank && <section className="card" aria-labelledby="rk-title">
        <h2 id="rk-title">{t('ratings.portal.ranking')}</h2>
        <table className="pf-table">
          <thead><tr>
            <th scope="col">{t('ratings.rank.rank')}</th><th scope="col">{t('ratings.rank.org')}</th><th scope="col">{t('ratings.rank.n')}</th>
            <th scope="col">{t('ratings.rank.sat')}</th><th scope="col">{t('ratings.rank.bad')}</th>
          </tr></thead>
          <tbody>{rank.items.map((r) => (
            <tr key={r.orgName}>
              <td>{r.rank}</td><td>{r.orgName}</td><td>{r.n}</td><td>{r.satisfaction === null ? '—' : `${r.satisfaction}%`}</td><td>{r.bad}</td>
            </tr>
          ))}</tbody>
        </table>
      </section>}
    </>
  );
}
