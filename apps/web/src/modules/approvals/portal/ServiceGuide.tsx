import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../../lib/api.ts';
import { checkFields, usePublicForm } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { useRules } from '../../../lib/rules.ts';
import type { ScreenProps } from '../../types.ts';
import { Field, FormAlert } from '../../../portal/components/Field.tsx';
import { Link } from '../../../portal/components/Link.tsx';
import type { PublicService } from './types.ts';

/** 办事指南 of one item (/p/services/:id), with the online application form. */
export default function ServiceGuide({ params }: ScreenProps) {
  const [s, setS] = useState<PublicService | null>(null);
  const [f, setF] = useState<Record<string, string>>({});
  const [have, setHave] = useState<string[]>([]);
  const [done, setDone] = useState<{ number: string; trackingCode: string } | null>(null);
  const joint = useRules('approvals.decision.joint')['approvals.decision.joint'];
  const labels = {
    applicantName: t('approvals.portal.applyName'), applicantPhone: t('approvals.portal.applyPhone'), applicantIdNo: t('approvals.portal.applyIdNo'),
  };
  const { errors, busy, submit } = usePublicForm({ known: ['applicantName', 'applicantPhone', 'applicantIdNo'], labels });
  useEffect(() => { api.get<PublicService>(`/api/v1/public/services/${params.id}`).then(setS, () => setS(null)); }, [params.id]);
  if (!s) return <section className="card"><p>{t('common.loading')}</p></section>;
  const service = s;
  async function send(e: FormEvent) {
    e.preventDefault();
    const precheck = checkFields({ applicantName: f.name, applicantPhone: f.phone }, {
      applicantName: { label: labels.applicantName, required: true, min: 2 }, applicantPhone: { label: labels.applicantPhone, required: true, kind: 'mobile' },
    });
    const r = await submit((keyFor) => api.post<{ number: string; trackingCode: string }>('/api/v1/public/cases', {
      type: 'approval',
      input: { serviceId: service.id, channel: 'online', applicantName: f.name, applicantPhone: f.phone, applicantIdNo: f.idNo || undefined, materials: have },
    }, { 'Idempotency-Key': keyFor() }), precheck);
    if (r) setDone(r);
  }
  return (
    <>
      <section className="card" aria-labelledby="g-title">
        <h1 id="g-title">{s.name}</h1>
        <dl className="facts">
          <div><dt>{t('approvals.portal.handler')}</dt><dd>{s.orgName}</dd></div>
          <div><dt>{t('approvals.portal.basis')}</dt><dd>{s.basisLaw}{s.basisArticle}</dd></div>
          <div><dt>{t('approvals.portal.statutory')}</dt><dd>{t('approvals.portal.wd', { n: s.statutoryDays })}
            {s.jointMode && joint && <><br />{t('approvals.portal.joint', { mode: s.jointMode, n: joint.length, ext: joint.maxExtension ?? 0 })}</>}</dd></div>
          <div><dt>{t('approvals.portal.promised')}</dt>
            <dd>{s.instant ? t('approvals.portal.instant') : t('approvals.portal.wd', { n: s.promisedDays })}</dd></div>
          <div><dt>{t('approvals.portal.fees')}</dt><dd>{s.fees}</dd></div>
          {s.place && <div><dt>{t('approvals.portal.place')}</dt><dd>{s.place}</dd></div>}
          {s.hours && <div><dt>{t('approvals.portal.hours')}</dt><dd>{s.hours}</dd></div>}
          {s.phone && <div><dt>{t('approvals.portal.phone')}</dt><dd><a href={`tel:${s.phone.replace(/[^0-9+]/g, '')}`}>{s.phone}</a></dd></div>}
        </dl>
        {s.conditions && <><h2>{t('approvals.portal.conditions')}</h2><p data-testid="guide-conditions">{s.conditions}</p></>}
        <h2>{t('approvals.portal.materials')}</h2>
        <ol>{s.materials.map((m) => <li key={m.name}>{m.name}</li>)}</ol>
        <h2>{t('approvals.portal.guide')}</h2>
        <p>{s.guide}</p>
      </section>
      <section className="card" aria-labelledby="ap-title">
        <h2 id="ap-title">{t('approvals.portal.apply')}</h2>
        {!s.online ? <p>{t('approvals.portal.offline')}</p> : done
          ? <p className="pf-ok" role="status">
            {t('approvals.portal.done', { number: done.number })} {t('portal.track.codeLabel')}<strong className="mono">{done.trackingCode}</strong>{' '}
            <Link to={`/p/track/${done.number}?code=${done.trackingCode}`}>{t('portal.track.title')}</Link>
          </p> : (
            <form onSubmit={send} noValidate>
              <Field id="ap-name" label={t('approvals.portal.applyName')} error={errors.applicantName}>
                <input id="ap-name" required value={f.name ?? ''} onChange={(e) => setF({ ...f, name: e.target.value })} />
              </Field>
              <Field id="ap-phone" label={t('approvals.portal.applyPhone')} error={errors.applicantPhone}>
                <input id="ap-phone" inputMode="tel" required value={f.phone ?? ''} onChange={(e) => setF({ ...f, phone: e.target.value })} />
              </Field>
              <Field id="ap-id" label={t('approvals.portal.applyIdNo')} error={errors.applicantIdNo}>
                <input id="ap-id" value={f.idNo ?? ''} onChange={(e) => setF({ ...f, idNo: e.target.value })} />
              </Field>
              <fieldset className="field"><legend>{t('approvals.portal.have')}</legend>
                {s.materials.map((m) => <label key={m.name} className="pf-check">
                  <input type="checkbox" checked={have.includes(m.name)}
                    onChange={(e) => setHave(e.target.checked ? [...have, m.name] : have.filter((x) => x !== m.name))} /> {m.name}
                </label>)}
              </fieldset>
              <FormAlert error={errors._} />
              <button type="submit" className="pf-btn" disabled={busy}>{t('approvals.portal.submit')}</button>
            </form>
          )}
      </section>
    </>
  );
}
