import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { linkClick } from '../../lib/router.ts';
import { AttachmentsField, type AttachmentRule } from './Attachments.tsx';
import './strings.ts';

interface Cat { code: string; name: string; initials: string; keywords: string; groupName: string | null; leaf: boolean; facts: { code: string; label: string; datatype: string; required: boolean; values?: { key: string; name: string }[] }[] }
interface Receipt { number: string; clocks: { label: string; dueDate: string | null }[]; attachments?: number }
const TYPES = ['咨询', '求助', '投诉', '举报', '建议'];

function useErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const take = (err: unknown) => {
    if (err instanceof ApiError) setErrors(Object.fromEntries((err.errors.length ? err.errors : [{ path: '_', message: err.text }]).map((x) => [x.path.replace(/^body\.(input\.)?/, ''), x.message])));
    else setErrors({ _: (err as Error).message });
  };
  return { errors, setErrors, take };
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return <div className="field"><label htmlFor={id}>{label}</label>{children}{error && <p className="error" role="alert">{error}</p>}</div>;
}

/** 12345 网上诉求 / 书记县长信箱: the number and the due date are shown at once. */
export function HotlineSubmit({ mailbox }: { mailbox: boolean }) {
  const [cats, setCats] = useState<Cat[]>([]);
  const [towns, setTowns] = useState<{ id: string; name: string }[]>([]);
  const [filter, setFilter] = useState('');
  const [f, setF] = useState<Record<string, string>>({ ticketType: mailbox ? '建议' : '投诉' });
  const [attrs, setAttrs] = useState<Record<string, string>>({});
  const [flags, setFlags] = useState({ anonymous: false, confidential: false });
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [busy, setBusy] = useState(false);
  const [rule, setRule] = useState<AttachmentRule | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const { errors, setErrors, take } = useErrors();
  useEffect(() => {
    api.get<{ attachments: AttachmentRule | null }>('/api/v1/public/case-types/hotline_ticket').then((r) => setRule(r.attachments), () => setRule(null));
    api.get<Cat[]>('/api/v1/hotline/catalog').then((c) => setCats(c.filter((x) => x.leaf)), () => setCats([]));
    api.get<{ id: string; name: string }[]>('/api/v1/hotline/public/townships').then(setTowns, () => setTowns([]));
  }, []);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? cats.filter((c) => c.name.includes(q) || c.initials.includes(q) || c.keywords.includes(q)) : cats;
  }, [cats, filter]);
  const cat = cats.find((c) => c.code === f.categoryCode);
  const set = (k: string) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault(); setBusy(true); setErrors({});
    try {
      const payload = { type: 'hotline_ticket', input: {
        channel: mailbox ? 'mailbox' : 'web', ticketType: f.ticketType, categoryCode: f.categoryCode ?? '', title: f.title || undefined, description: f.description ?? '',
        address: f.address || undefined, townshipId: f.townshipId || undefined, attributes: attrs, anonymous: flags.anonymous, confidential: flags.confidential,
        parties: { name: flags.anonymous ? undefined : (f.name || undefined), phone: f.phone || undefined },
      } };
      // With files: one multipart request (the case and its files are saved together or not at all).
      let body: unknown = payload;
      if (files.length) {
        const form = new FormData();
        form.append('payload', JSON.stringify(payload));
        for (const x of files) form.append('files', x, x.name);
        body = form;
      }
      setReceipt(await api.post<Receipt>('/api/v1/public/cases', body));
    } catch (err) { take(err); } finally { setBusy(false); }
  }
  if (receipt) {
    const due = receipt.clocks.find((c) => c.dueDate)?.dueDate;
    return (
      <section className="card" aria-live="polite">
        <h1>{t('hl.submit.done')}</h1>
        <p>{t('hl.submit.number')}<strong data-testid="hl-number">{receipt.number}</strong></p>
        <p>{t('hl.submit.due')}<strong data-testid="hl-due">{due}</strong></p>
        {!!receipt.attachments && <p data-testid="hl-attachments">{t('hl.files.received', { n: receipt.attachments })}</p>}
        <p className="muted">{t('hl.submit.keep')}</p>
        <p><a href={`/p/track/${receipt.number}`} onClick={(e) => linkClick(e, `/p/track/${receipt.number}`)}>{t('portal.track.title')}</a></p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="hl-title">
      <h1 id="hl-title">{mailbox ? t('hl.mailbox.title') : t('hl.submit.title')}</h1>
      <p className="muted">{t('hl.submit.help')}</p>
      {errors._ && <p className="alert" role="alert">{errors._}</p>}
      <form onSubmit={submit} noValidate>
        <Field id="hl-ticketType" label={t('hl.f.type')} error={errors.ticketType}>
          <select id="hl-ticketType" value={f.ticketType} onChange={set('ticketType')}>{TYPES.map((x) => <option key={x}>{x}</option>)}</select>
        </Field>
        <Field id="hl-filter" label={t('hl.f.categorySearch')}><input id="hl-filter" value={filter} onChange={(e) => setFilter(e.target.value)} /></Field>
        <Field id="hl-categoryCode" label={t('hl.f.category')} error={errors.categoryCode}>
          <select id="hl-categoryCode" value={f.categoryCode ?? ''} onChange={set('categoryCode')}>
            <option value="">{t('hl.f.choose')}</option>
            {shown.map((c) => <option key={c.code} value={c.code}>{c.groupName ? `${c.groupName} / ` : ''}{c.name}</option>)}
          </select>
        </Field>
        {cat?.facts.map((x) => (
          <Field key={x.code} id={`hl-a-${x.code}`} label={`${x.label}${x.required ? ' *' : ''}`} error={errors[`attributes.${x.code}`]}>
            {x.values ? (
              <select id={`hl-a-${x.code}`} value={attrs[x.code] ?? ''} onChange={(e) => setAttrs({ ...attrs, [x.code]: e.target.value })}>
                <option value="">{t('hl.f.choose')}</option>{x.values.map((v) => <option key={v.key} value={v.key}>{v.name}</option>)}
              </select>
            ) : <input id={`hl-a-${x.code}`} value={attrs[x.code] ?? ''} onChange={(e) => setAttrs({ ...attrs, [x.code]: e.target.value })} />}
          </Field>
        ))}
        {mailbox && <Field id="hl-title-in" label={t('hl.f.title')} error={errors.title}><input id="hl-title-in" value={f.title ?? ''} onChange={set('title')} /></Field>}
        <Field id="hl-description" label={t('hl.f.description')} error={errors.description}><textarea id="hl-description" rows={5} value={f.description ?? ''} onChange={set('description')} /></Field>
        <Field id="hl-townshipId" label={t('hl.f.township')} error={errors.townshipId}>
          <select id="hl-townshipId" value={f.townshipId ?? ''} onChange={set('townshipId')}><option value="">{t('hl.f.choose')}</option>{towns.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</select>
        </Field>
        <Field id="hl-address" label={t('hl.f.address')} error={errors.address}><input id="hl-address" value={f.address ?? ''} onChange={set('address')} /></Field>
        {rule && <AttachmentsField id="hl-files" rule={rule} files={files} errors={errors}
          onChange={(next) => { setFiles(next); setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => k !== 'files' && !k.startsWith('files.')))); }} />}
        <div className="field"><label><input type="checkbox" checked={flags.anonymous} onChange={(e) => setFlags({ ...flags, anonymous: e.target.checked })} /> {t('hl.f.anonymous')}</label></div>
        {!flags.anonymous && <Field id="hl-name" label={t('hl.f.name')} error={errors['parties.name']}><input id="hl-name" value={f.name ?? ''} onChange={set('name')} autoComplete="name" /></Field>}
        <Field id="hl-phone" label={t('hl.f.phone')} error={errors['parties.phone']}><input id="hl-phone" value={f.phone ?? ''} onChange={set('phone')} inputMode="tel" autoComplete="tel" /></Field>
        <div className="field"><label><input type="checkbox" checked={flags.confidential} onChange={(e) => setFlags({ ...flags, confidential: e.target.checked })} /> {t('hl.f.confidential')}</label></div>
        <button type="submit" disabled={busy}>{busy ? t('common.loading') : t('hl.submit.go')}</button>
      </form>
      <p><a href="/p/hotline/rate" onClick={(e) => linkClick(e, '/p/hotline/rate')}>{t('hl.rate.link')}</a></p>
    </section>
  );
}

/** The citizen rates the reply (recorded as the 回访). */
export function HotlineRate({ number }: { number?: string }) {
  const [f, setF] = useState<Record<string, string>>({ number: number ?? '', satisfaction: '', resolved: '' });
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, setErrors, take } = useErrors();
  const set = (k: string) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault(); setBusy(true); setErrors({});
    try {
      await api.post('/api/v1/hotline/public/rate', { number: f.number, phone: f.phone ?? '', satisfaction: f.satisfaction || undefined, resolved: f.resolved === '' ? undefined : f.resolved === 'yes', note: f.note || undefined });
      setDone(true);
    } catch (err) { take(err); } finally { setBusy(false); }
  }
  if (done) return <section className="card" aria-live="polite"><h1>{t('hl.rate.title')}</h1><p data-testid="hl-rated">{t('hl.rate.done')}</p></section>;
  return (
    <section className="card" aria-labelledby="hl-rate">
      <h1 id="hl-rate">{t('hl.rate.title')}</h1>
      <p className="muted">{t('hl.rate.help')}</p>
      {errors._ && <p className="alert" role="alert">{errors._}</p>}
      <form onSubmit={submit} noValidate>
        <Field id="hr-number" label={t('hl.rate.number')} error={errors.number}><input id="hr-number" value={f.number} onChange={set('number')} /></Field>
        <Field id="hr-phone" label={t('hl.rate.phone')} error={errors.phone}><input id="hr-phone" value={f.phone ?? ''} onChange={set('phone')} inputMode="tel" /></Field>
        <Field id="hr-satisfaction" label={t('hl.rate.satisfaction')} error={errors.satisfaction}>
          <select id="hr-satisfaction" value={f.satisfaction} onChange={set('satisfaction')}><option value="">{t('hl.f.choose')}</option>{['满意', '基本满意', '不满意'].map((x) => <option key={x}>{x}</option>)}</select>
        </Field>
        <Field id="hr-resolved" label={t('hl.rate.resolved')} error={errors.resolved}>
          <select id="hr-resolved" value={f.resolved} onChange={set('resolved')}><option value="">{t('hl.f.choose')}</option><option value="yes">{t('hl.rate.yes')}</option><option value="no">{t('hl.rate.no')}</option></select>
        </Field>
        <Field id="hr-note" label={t('hl.rate.note')} error={errors.note}><textarea id="hr-note" rows={3} value={f.note ?? ''} onChange={set('note')} /></Field>
        <button type="submit" disabled={busy}>{busy ? t('common.loading') : t('hl.rate.go')}</button>
      </form>
    </section>
  );
}
