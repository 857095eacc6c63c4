import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../../lib/api.ts';
import { checkFields, usePublicForm } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { useRules } from '../../../lib/rules.ts';
import type { ScreenProps } from '../../types.ts';
import { Field, FormAlert } from '../../../portal/components/Field.tsx';
import { Link } from '../../../portal/components/Link.tsx';
import type { PublicService } from './types.ts';
import { acceptOf, fileProblem, fileSize, type AttachmentRule } from '../../../portal/components/files.ts';

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
  const { errors, busy, submit } = usePublicForm({ known: ['applicantName', 'applicantPhone', 'applicantIdNo', 'files'], labels });
  /** One file per material on the checklist (checked against the case type's rule before sending). */
  const [files, setFiles] = useState<Record<string, File>>({});
  const [fileErrors, setFileErrors] = useState<Record<string, string>>({});
  const [rule, setRule] = useState<AttachmentRule | null>(null);
  const [restored, setRestored] = useState(false);
  const draftKey = `yifa.draft.approval.${params.id}`;
  useEffect(() => { api.get<PublicService>(`/api/v1/public/services/${params.id}`).then(setS, () => setS(null)); }, [params.id]);
  useEffect(() => {
    api.get<{ attachments: AttachmentRule | null }>('/api/v1/public/case-types/approval').then((r) => setRule(r.attachments), () => setRule(null));
  }, []);
  // The draft stays on this device only (no account needed): what was typed and ticked, never the files or anything sent.
  useEffect(() => {
    try {
      const d = JSON.parse(localStorage.getItem(draftKey) ?? 'null') as { f: Record<string, string>; have: string[] } | null;
      if (d) { setF(d.f); setHave(d.have); setRestored(true); }
    } catch { /* no draft */ }
  }, [draftKey]);
  function saveDraft() {
    try { localStorage.setItem(draftKey, JSON.stringify({ f, have })); setRestored(true); } catch { /* storage full or off */ }
  }
  function chooseFile(material: string, file: File | undefined) {
    const next = { ...files }; const errs = { ...fileErrors };
    delete errs[material];
    if (!file) delete next[material];
    else if (rule && fileProblem(rule, file)) errs[material] = fileProblem(rule, file)!;
    else next[material] = file;
    setFiles(next); setFileErrors(errs);
    if (file && !errs[material] && !have.includes(material)) setHave([...have, material]);
  }
  if (!s) return <section className="card"><p>{t('common.loading')}</p></section>;
  const service = s;
  async function send(e: FormEvent) {
    e.preventDefault();
    const precheck = checkFields({ applicantName: f.name, applicantPhone: f.phone }, {
      applicantName: { label: labels.applicantName, required: true, min: 2 }, applicantPhone: { label: labels.applicantPhone, required: true, kind: 'mobile' },
    });
    const payload = {
      type: 'approval',
      input: { serviceId: service.id, channel: 'online', applicantName: f.name, applicantPhone: f.phone, applicantIdNo: f.idNo || undefined, materials: have },
    };
    // With files: one multipart request (the application and its materials are saved together or not at all); each file is
    // named after its material, so the window sees which is which.
    const chosen = Object.entries(files);
    let body: unknown = payload;
    if (chosen.length) {
      const form = new FormData();
      form.append('payload', JSON.stringify(payload));
      for (const [material, file] of chosen) form.append('files', file, `${material}-${file.name}`);
      body = form;
    }
    const r = await submit((keyFor) => api.post<{ number: string; trackingCode: string }>('/api/v1/public/cases', body, { 'Idempotency-Key': keyFor() }), precheck);
    if (r) { setDone(r); try { localStorage.removeItem(draftKey); } catch { /* nothing to remove */ } }
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
        <ol className="guide-materials">{s.materials.map((m) => (
          <li key={m.name}>{m.name}
            {(['blankForm', 'sample'] as const).map((kind) => {
              const f = m[kind];
              return f && (
                <a key={kind} className="guide-download" href={`/api/v1/public/services/${s.id}/files/${f.id}`} download={f.filename}
                  aria-label={t(`approvals.portal.${kind}.aria`, { name: m.name, size: fileSize(f.size) })}>
                  {t(`approvals.portal.${kind}`)}<small>（{fileSize(f.size)}）</small>
                </a>
              );
            })}
          </li>
        ))}</ol>
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
                {rule && <p className="hint">{t('approvals.portal.uploadHint', { size: fileSize(rule.maxBytes), types: rule.types.map((x) => x.label).join('、') })}</p>}
                {s.materials.map((m, i) => (
                  <div key={m.name} className="ap-material" data-testid="ap-material">
                    <label className="pf-check">
                      <input type="checkbox" checked={have.includes(m.name)}
                        onChange={(e) => setHave(e.target.checked ? [...have, m.name] : have.filter((x) => x !== m.name))} /> {m.name}
                    </label>
                    {rule && <>
                      <input id={`ap-file-${i}`} type="file" accept={acceptOf(rule)} aria-label={t('approvals.portal.uploadFor', { name: m.name })}
                        onChange={(e) => chooseFile(m.name, e.target.files?.[0])} />
                      {files[m.name] && <span className="muted"> {files[m.name]!.name}（{fileSize(files[m.name]!.size)}）</span>}
                      {fileErrors[m.name] && <p className="error" role="alert">{fileErrors[m.name]}</p>}
                    </>}
                  </div>
                ))}
                {errors.files && <p className="error" role="alert">{errors.files}</p>}
              </fieldset>
              <FormAlert error={errors._} />
              {restored && <p className="muted" role="status">{t('approvals.portal.draftRestored')}</p>}
              <button type="submit" className="pf-btn" disabled={busy}>{t('approvals.portal.submit')}</button>{' '}
              <button type="button" className="pf-btn pf-btn-secondary" onClick={saveDraft}>{t('approvals.portal.saveDraft')}</button>
            </form>
          )}
      </section>
    </>
  );
}
