import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../../lib/api.ts';
import { checkFields, usePublicForm } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { Field, FormAlert } from '../../../portal/components/Field.tsx';
import { Link } from '../../../portal/components/Link.tsx';

interface Scenario { id: string; name: string; description: string; materials: { name: string }[]; services: { id: string; name: string }[] }

/** 情景式服务 on the portal: one form, one set of materials, several items handled together. */
export default function Scenarios() {
  const [rows, setRows] = useState<Scenario[]>([]);
  const [pick, setPick] = useState<Scenario | null>(null);
  const [f, setF] = useState<Record<string, string>>({});
  const [done, setDone] = useState<{ number: string; trackingCode: string } | null>(null);
  const labels = { applicantName: t('approvals.portal.applyName'), applicantPhone: t('approvals.portal.applyPhone') };
  const { errors, busy, submit } = usePublicForm({ known: ['applicantName', 'applicantPhone'], labels });
  useEffect(() => { api.get<Scenario[]>('/api/v1/public/scenarios').then(setRows, () => setRows([])); }, []);
  async function send(e: FormEvent) {
    e.preventDefault();
    if (!pick) return;
    const r = await submit((keyFor) => api.post<{ number: string; trackingCode: string }>(`/api/v1/public/scenarios/${pick.id}/apply`, {
      channel: 'online', applicantName: f.name, applicantPhone: f.phone, materials: pick.materials.map((m) => m.name), form: { 说明: f.note ?? '' },
    }, { 'Idempotency-Key': keyFor() }), checkFields({ applicantName: f.name, applicantPhone: f.phone }, {
      applicantName: { label: labels.applicantName, required: true, min: 2 }, applicantPhone: { label: labels.applicantPhone, required: true, kind: 'mobile' },
    }));
    if (r) setDone(r);
  }
  return (
    <section className="card" aria-labelledby="sc-title">
      <h1 id="sc-title">{t('approvals.portal.scenarios')}</h1>
      <p className="muted">{t('approvals.portal.scenariosIntro')}</p>
      <ul className="pf-list">
        {rows.map((s) => (
          <li key={s.id}>
            <h2>{s.name}</h2>
            <p>{s.description}</p>
            <p className="muted">{s.services.map((x) => x.name).join(' + ')}</p>
            <button type="button" className="pf-btn" onClick={() => { setPick(s); setDone(null); }}>{t('approvals.portal.scenarioApply')}</button>
          </li>
        ))}
      </ul>
      {pick && (done ? (
        <p className="pf-ok" role="status">
          {t('approvals.portal.scenarioDone', { number: done.number })} {t('portal.track.codeLabel')}<strong className="mono">{done.trackingCode}</strong>{' '}
          <Link to={`/p/bundles/${done.number}?code=${done.trackingCode}`}>{t('approvals.portal.bundleTrack')}</Link>
        </p>
      ) : (
        <form onSubmit={send} noValidate aria-label={pick.name}>
          <h2>{pick.name}</h2>
          <Field id="sc-name" label={t('approvals.portal.applyName')} error={errors.applicantName}>
            <input id="sc-name" value={f.name ?? ''} onChange={(e) => setF({ ...f, name: e.target.value })} />
          </Field>
          <Field id="sc-phone" label={t('approvals.portal.applyPhone')} error={errors.applicantPhone}>
            <input id="sc-phone" inputMode="tel" value={f.phone ?? ''} onChange={(e) => setF({ ...f, phone: e.target.value })} />
          </Field>
          <p>{t('approvals.portal.materials')}：{pick.materials.map((m) => m.name).join('、')}</p>
          <FormAlert error={errors._} />
          <button type="submit" className="pf-btn" disabled={busy}>{t('approvals.portal.submit')}</button>
        </form>
      ))}
    </section>
  );
}
