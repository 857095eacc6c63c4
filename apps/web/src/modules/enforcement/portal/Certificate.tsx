import { useState, type FormEvent } from 'react';
import { api } from '../../../lib/api.ts';
import { checkFields, usePublicForm } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { Field, FormAlert } from '../../../portal/components/Field.tsx';

interface Cert {
  certNo: string; name: string; orgName: string; fields: string[]; category: string; status: string; issuedOn: string; expiresOn: string;
  valid: boolean; checkedOn: string; note: string;
}

/** 亮证: a citizen checks the certificate an officer shows (name, org, fields, validity; nothing else). The code may come in the link (?no=…). */
export default function Certificate() {
  const [no, setNo] = useState(() => new URLSearchParams(window.location.search).get('no') ?? '');
  const [cert, setCert] = useState<Cert | null>(null);
  const [missing, setMissing] = useState(false);
  const { errors, submit } = usePublicForm({ known: ['certNo'], labels: { certNo: t('enforcement.cert.no') } });
  async function check(e: FormEvent) {
    e.preventDefault(); setCert(null); setMissing(false);
    const r = await submit(() => api.get<Cert>(`/api/v1/public/enforcement/certificates/${encodeURIComponent(no.trim())}`)
      .catch((err: { status?: number }) => { if (err.status === 404) { setMissing(true); return null; } throw err; }),
    checkFields({ certNo: no }, { certNo: { label: t('enforcement.cert.no'), required: true } }));
    setCert(r ?? null);
  }
  return (
    <section className="card" aria-labelledby="ec-title">
      <h1 id="ec-title">{t('enforcement.cert.title')}</h1>
      <p className="muted">{t('enforcement.cert.intro')}</p>
      <form className="pf-row" onSubmit={check} noValidate>
        <Field id="ec-no" label={t('enforcement.cert.no')} error={errors.certNo}>
          <input id="ec-no" value={no} onChange={(e) => setNo(e.target.value)} />
        </Field>
        <button type="submit" className="pf-btn">{t('enforcement.cert.check')}</button>
      </form>
      <FormAlert error={errors._} />
      {missing && <p role="status">{t('enforcement.cert.notFound')}</p>}
      {cert && <dl className="pf-facts" data-testid="cert-result">
        <dt>{t('enforcement.cert.name')}</dt><dd>{cert.name}</dd>
        <dt>{t('enforcement.cert.org')}</dt><dd>{cert.orgName}</dd>
        <dt>{t('enforcement.cert.fields')}</dt><dd>{cert.fields.join('、')}（{cert.category}）</dd>
        <dt>{t('enforcement.cert.validity')}</dt><dd>{cert.issuedOn} — {cert.expiresOn}</dd>
        <dt>{t('enforcement.cert.status')}</dt><dd>
          <span className="badge">{cert.status} · {t(cert.valid ? 'enforcement.valid' : 'enforcement.invalid')}</span> {cert.note}</dd>
        <dt>{t('enforcement.cert.checkedOn')}</dt><dd>{cert.checkedOn}</dd>
      </dl>}
    </section>
  );
}
