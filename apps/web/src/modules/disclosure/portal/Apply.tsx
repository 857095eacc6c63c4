import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../../lib/api.ts';
import { checkFields, usePublicForm } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { Field, FormAlert } from '../../../portal/components/Field.tsx';
import { Link } from '../../../portal/components/Link.tsx';

interface Org { id: string; name: string }
interface Receipt { number: string; trackingCode: string; clocks: { label: string; dueDate: string | null }[] }
const KINDS = ['natural', 'business', 'research', 'public_interest', 'legal_service', 'other'];
/** Values of the application's form (the workflow's enums). */
const FORMATS = ['纸质', '电子'];
const VIAS = ['邮寄', '电子邮件', '当面领取', '网上获取'];

/** 政府信息公开申请 on the portal: the number and the due date come back at once. */
export default function Apply() {
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [f, setF] = useState<Record<string, string>>({ applicantKind: 'natural', format: '电子', via: '电子邮件' });
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const labels = {
    orgId: t('disclosure.field.org'), 'parties.applicant.name': t('disclosure.field.name'), 'parties.applicant.idNo': t('disclosure.field.idNo'),
    'parties.applicant.phone': t('disclosure.field.phone'), 'parties.applicant.email': t('disclosure.field.email'),
    description: t('disclosure.field.description'),
  };
  const { errors, busy, submit } = usePublicForm({ known: ['orgId', 'applicantKind', 'parties', 'description', 'format', 'via'], labels });
  useEffect(() => { api.get<Org[]>('/api/v1/public/disclosure/orgs').then(setOrgs, () => setOrgs([])); }, []);
  const set = (k: string) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  async function send(e: FormEvent) {
    e.preventDefault();
    const precheck = checkFields({
      orgId: f.orgId, description: f.description, 'parties.applicant.name': f.name, 'parties.applicant.idNo': f.idNo,
      'parties.applicant.phone': f.phone, 'parties.applicant.email': f.email,
    }, {
      orgId: { label: labels.orgId, required: true, choice: true },
      'parties.applicant.name': { label: labels['parties.applicant.name'], required: true, min: 2 },
      'parties.applicant.idNo': { label: labels['parties.applicant.idNo'], required: true, min: 6 },
      'parties.applicant.phone': { label: labels['parties.applicant.phone'], required: true, kind: 'phone' },
      'parties.applicant.email': { label: labels['parties.applicant.email'], kind: 'email' },
      description: { label: labels.description, required: true, min: 4 },
    });
    const r = await submit((keyFor) => api.post<Receipt>('/api/v1/public/cases', { type: 'disclosure_request', input: {
      orgId: f.orgId, channel: 'online', applicantKind: f.applicantKind, description: f.description, format: f.format, via: f.via,
      parties: { applicant: { name: f.name, idNo: f.idNo, phone: f.phone, email: f.email || undefined } },
    } }, { 'Idempotency-Key': keyFor() }), precheck);
    if (r) setReceipt(r);
  }
  if (receipt) {
    const due = receipt.clocks.find((c) => c.dueDate)?.dueDate;
    return (
      <section className="card" aria-live="polite">
        <h1>{t('disclosure.apply.done')}</h1>
        <p>{t('disclosure.apply.number')}<strong data-testid="disc-number">{receipt.number}</strong></p>
        <p>{t('portal.track.codeLabel')}<strong data-testid="disc-code" className="mono">{receipt.trackingCode}</strong></p>
        <p>{t('disclosure.apply.due')}<strong data-testid="disc-due">{due}</strong></p>
        <p><Link to={`/p/track/${receipt.number}?code=${receipt.trackingCode}`}>{t('portal.track.title')}</Link></p>
      </section>
    );
  }
  const field = (k: string, label: string, error: string | undefined, input: ReactNode) => <Field id={`disc-${k}`} label={label} error={error}>{input}</Field>;
  const applicant = (k: string) => errors[`parties.applicant.${k}`] ?? (k === 'name' ? errors['parties.applicant'] ?? errors.parties : undefined);
  return (
    <section className="card" aria-labelledby="disc-apply">
      <h1 id="disc-apply">{t('disclosure.apply.title')}</h1>
      <p className="muted">{t('disclosure.apply.help')}</p>
      <FormAlert error={errors._} />
      <form onSubmit={send} noValidate>
        {field('orgId', t('disclosure.field.org'), errors.orgId, <select id="disc-orgId" value={f.orgId ?? ''} onChange={set('orgId')}>
          <option value="">{t('disclosure.field.choose')}</option>{orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>)}
        {field('applicantKind', t('disclosure.field.kind'), errors.applicantKind,
          <select id="disc-applicantKind" value={f.applicantKind} onChange={set('applicantKind')}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`disclosure.kind.${k}`)}</option>)}
        </select>)}
        {field('name', t('disclosure.field.name'), applicant('name'), <input id="disc-name" value={f.name ?? ''} onChange={set('name')} />)}
        {field('idNo', t('disclosure.field.idNo'), applicant('idNo'), <input id="disc-idNo" value={f.idNo ?? ''} onChange={set('idNo')} autoComplete="off" />)}
        {field('phone', t('disclosure.field.phone'), applicant('phone'),
          <input id="disc-phone" value={f.phone ?? ''} onChange={set('phone')} inputMode="tel" />)}
        {field('email', t('disclosure.field.email'), applicant('email'),
          <input id="disc-email" value={f.email ?? ''} onChange={set('email')} inputMode="email" />)}
        {field('description', t('disclosure.field.description'), errors.description,
          <textarea id="disc-description" value={f.description ?? ''} onChange={set('description')} rows={4} />)}
        {field('format', t('disclosure.field.format'), errors.format,
          <select id="disc-format" value={f.format} onChange={set('format')}>{FORMATS.map((v) => <option key={v}>{v}</option>)}</select>)}
        {field('via', t('disclosure.field.via'), errors.via,
          <select id="disc-via" value={f.via} onChange={set('via')}>{VIAS.map((v) => <option key={v}>{v}</option>)}</select>)}
        <button type="submit" disabled={busy}>{busy ? t('common.loading') : t('disclosure.apply.submit')}</button>
      </form>
    </section>
  );
}
