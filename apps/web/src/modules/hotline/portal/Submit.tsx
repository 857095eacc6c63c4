import { lazy, Suspense, useEffect, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../../lib/api.ts';
import { checkFields, usePublicForm } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { linkClick, useLocation } from '../../../lib/router.ts';
import { Field, FormAlert } from '../../../portal/components/Field.tsx';
import { AttachmentsField, type AttachmentRule } from './Attachments.tsx';
import type { LatLng, MapService } from './MapPicker.tsx';

/** The map picker is loaded only where the county has configured a tile service (GET /api/v1/public/map). */
const MapPicker = lazy(() => import('./MapPicker.tsx'));

interface Cat {
  code: string; name: string; initials: string; keywords: string; groupName: string | null; leaf: boolean;
  facts: { code: string; label: string; datatype: string; required: boolean; values?: { key: string; name: string }[] }[];
}
interface Receipt { number: string; trackingCode: string; clocks: { label: string; dueDate: string | null }[]; attachments?: number }
const trackUrl = (r: Receipt) => `/p/track/${r.number}?code=${r.trackingCode}`;
/** The ticket types of the 12345 workflow (values of its create form). */
const TYPES = ['咨询', '求助', '投诉', '举报', '建议'];
const FIELDS = ['ticketType', 'categoryCode', 'attributes', 'title', 'description', 'townshipId', 'address', 'lat', 'long', 'files', 'parties'];

/** 12345 网上诉求 / 书记县长信箱 (`?channel=mailbox`): the number and the due date are shown at once. */
export default function Submit() {
  const mailbox = useLocation().search.get('channel') === 'mailbox';
  const [cats, setCats] = useState<Cat[]>([]);
  const [towns, setTowns] = useState<{ id: string; name: string }[]>([]);
  const [filter, setFilter] = useState('');
  const [f, setF] = useState<Record<string, string>>({ ticketType: mailbox ? '建议' : '投诉' });
  const [attrs, setAttrs] = useState<Record<string, string>>({});
  const [flags, setFlags] = useState({ anonymous: false, confidential: false });
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [rule, setRule] = useState<AttachmentRule | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [map, setMap] = useState<MapService | null>(null);
  const [point, setPoint] = useState<LatLng | null>(null);
  const labels = {
    categoryCode: t('hotline.field.category'), description: t('hotline.field.description'), 'parties.phone': t('hotline.field.phone'),
    'parties.name': t('hotline.field.name'), address: t('hotline.field.address'), townshipId: t('hotline.field.township'), title: t('hotline.field.title'),
  };
  const { errors, setErrors, busy, submit } = usePublicForm({ known: FIELDS, labels });
  useEffect(() => {
    api.get<{ attachments: AttachmentRule | null }>('/api/v1/public/case-types/hotline_ticket').then((r) => setRule(r.attachments), () => setRule(null));
    api.get<Cat[]>('/api/v1/hotline/catalog').then((c) => setCats(c.filter((x) => x.leaf)), () => setCats([]));
    api.get<{ id: string; name: string }[]>('/api/v1/hotline/public/townships').then(setTowns, () => setTowns([]));
    api.get<{ enabled: boolean } & Partial<MapService>>('/api/v1/public/map').then((m) => setMap(m.enabled ? m as MapService : null), () => setMap(null));
  }, []);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? cats.filter((c) => c.name.includes(q) || c.initials.includes(q) || c.keywords.includes(q)) : cats;
  }, [cats, filter]);
  const cat = cats.find((c) => c.code === f.categoryCode);
  const set = (k: string) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  async function send(e: FormEvent) {
    e.preventDefault();
    const precheck = checkFields({ ...f, 'parties.phone': f.phone, ...Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`attributes.${k}`, v])) }, {
      categoryCode: { label: labels.categoryCode, required: true, choice: true },
      description: { label: labels.description, required: true, min: 5 },
      'parties.phone': { label: labels['parties.phone'], required: !flags.anonymous, kind: 'phone' },
      ...Object.fromEntries((cat?.facts ?? []).filter((x) => x.required)
        .map((x) => [`attributes.${x.code}`, { label: x.label, required: true, choice: !!x.values }])),
    });
    const r = await submit((keyFor) => {
      const payload = { type: 'hotline_ticket', input: {
        channel: mailbox ? 'mailbox' : 'web', ticketType: f.ticketType, categoryCode: f.categoryCode ?? '', title: f.title || undefined,
        description: f.description ?? '',
        address: f.address || undefined, ...(point ? { lat: point.lat, long: point.lng } : {}),
        townshipId: f.townshipId || undefined, attributes: attrs, anonymous: flags.anonymous, confidential: flags.confidential,
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
      return api.post<Receipt>('/api/v1/public/cases', body, { 'Idempotency-Key': keyFor() });
    }, precheck);
    if (r) setReceipt(r);
  }
  if (receipt) {
    const due = receipt.clocks.find((c) => c.dueDate)?.dueDate;
    return (
      <section className="card" aria-live="polite">
        <h1>{t('hotline.submit.done')}</h1>
        <p>{t('hotline.submit.number')}<strong data-testid="hl-number">{receipt.number}</strong></p>
        <p>{t('portal.track.codeLabel')}<strong data-testid="hl-code" className="mono">{receipt.trackingCode}</strong></p>
        <p>{t('hotline.submit.due')}<strong data-testid="hl-due">{due}</strong></p>
        {!!receipt.attachments && <p data-testid="hl-attachments">{t('hotline.files.received', { n: receipt.attachments })}</p>}
        <p className="muted">{t('hotline.submit.keep')}</p>
        <p><a href={trackUrl(receipt)} onClick={(e) => linkClick(e, trackUrl(receipt))}>{t('portal.track.title')}</a></p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="hl-title">
      <h1 id="hl-title">{mailbox ? t('hotline.submit.mailboxTitle') : t('hotline.submit.title')}</h1>
      <p className="muted">{t('hotline.submit.help')}</p>
      <FormAlert error={errors._} />
      <form onSubmit={send} noValidate>
        <Field id="hl-ticketType" label={t('hotline.field.type')} error={errors.ticketType}>
          <select id="hl-ticketType" value={f.ticketType} onChange={set('ticketType')}>{TYPES.map((x) => <option key={x}>{x}</option>)}</select>
        </Field>
        <Field id="hl-filter" label={t('hotline.field.categorySearch')}>
          <input id="hl-filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </Field>
        <Field id="hl-categoryCode" label={t('hotline.field.category')} error={errors.categoryCode}>
          <select id="hl-categoryCode" value={f.categoryCode ?? ''} onChange={set('categoryCode')}>
            <option value="">{t('hotline.field.choose')}</option>
            {shown.map((c) => <option key={c.code} value={c.code}>{c.groupName ? `${c.groupName} / ` : ''}{c.name}</option>)}
          </select>
        </Field>
        {cat?.facts.map((x) => (
          <Field key={x.code} id={`hl-a-${x.code}`} label={`${x.label}${x.required ? ' *' : ''}`} error={errors[`attributes.${x.code}`]}>
            {x.values ? (
              <select id={`hl-a-${x.code}`} value={attrs[x.code] ?? ''} onChange={(e) => setAttrs({ ...attrs, [x.code]: e.target.value })}>
                <option value="">{t('hotline.field.choose')}</option>{x.values.map((v) => <option key={v.key} value={v.key}>{v.name}</option>)}
              </select>
            ) : <input id={`hl-a-${x.code}`} value={attrs[x.code] ?? ''} onChange={(e) => setAttrs({ ...attrs, [x.code]: e.target.value })} />}
          </Field>
        ))}
        {mailbox && <Field id="hl-title-in" label={t('hotline.field.title')} error={errors.title}>
          <input id="hl-title-in" value={f.title ?? ''} onChange={set('title')} />
        </Field>}
        <Field id="hl-description" label={t('hotline.field.description')} error={errors.description}>
          <textarea id="hl-description" rows={5} value={f.description ?? ''} onChange={set('description')} />
        </Field>
        <Field id="hl-townshipId" label={t('hotline.field.township')} error={errors.townshipId}>
          <select id="hl-townshipId" value={f.townshipId ?? ''} onChange={set('townshipId')}>
            <option value="">{t('hotline.field.choose')}</option>{towns.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
        </Field>
        <Field id="hl-address" label={t('hotline.field.address')} error={errors.address}>
          <input id="hl-address" value={f.address ?? ''} onChange={set('address')} />
        </Field>
        {map && <div className="field"><span className="label">{t('hotline.map.title')}</span>
          <Suspense fallback={<p className="hint">{t('common.loading')}</p>}><MapPicker service={map} value={point} onChange={setPoint} /></Suspense>
          {(errors.lat ?? errors.long) && <p className="error" role="alert">{errors.lat ?? errors.long}</p>}
        </div>}
        {rule && <AttachmentsField id="hl-files" rule={rule} files={files} errors={errors}
          onChange={(next) => {
            setFiles(next);
            setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => k !== 'files' && !k.startsWith('files.'))));
          }} />}
        <div className="field"><label>
          <input type="checkbox" checked={flags.anonymous} onChange={(e) => setFlags({ ...flags, anonymous: e.target.checked })} />
          {' '}{t('hotline.field.anonymous')}
        </label></div>
        {!flags.anonymous && <Field id="hl-name" label={t('hotline.field.name')} error={errors['parties.name']}>
          <input id="hl-name" value={f.name ?? ''} onChange={set('name')} autoComplete="name" />
        </Field>}
        <Field id="hl-phone" label={t('hotline.field.phone')} error={errors['parties.phone']}>
          <input id="hl-phone" value={f.phone ?? ''} onChange={set('phone')} inputMode="tel" autoComplete="tel" />
        </Field>
        <div className="field"><label>
          <input type="checkbox" checked={flags.confidential} onChange={(e) => setFlags({ ...flags, confidential: e.target.checked })} />
          {' '}{t('hotline.field.confidential')}
        </label></div>
        <button type="submit" disabled={busy}>{busy ? t('common.loading') : t('hotline.submit.go')}</button>
      </form>
      <p><a href="/p/hotline/rate" onClick={(e) => linkClick(e, '/p/hotline/rate')}>{t('hotline.rate.link')}</a></p>
    </section>
  );
}
