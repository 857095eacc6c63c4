import { useState, type FormEvent } from 'react';
import { api } from '../../../lib/api.ts';
import { checkFields, usePublicForm } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import type { ScreenProps } from '../../types.ts';
import { Field, FormAlert } from '../../../portal/components/Field.tsx';

/** 评价答复 (/p/hotline/rate[/:number]): the citizen rates the reply (recorded as the 回访). */
export default function Rate({ params }: ScreenProps) {
  const [f, setF] = useState<Record<string, string>>({ number: params.number ?? '', satisfaction: '', resolved: '' });
  const [done, setDone] = useState(false);
  const labels = {
    number: t('hotline.rate.number'), phone: t('hotline.rate.phone'), satisfaction: t('hotline.rate.satisfaction'), resolved: t('hotline.rate.resolved'),
  };
  const { errors, busy, submit } = usePublicForm({ known: ['number', 'phone', 'satisfaction', 'resolved', 'note'], labels });
  const set = (k: string) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  async function send(e: FormEvent) {
    e.preventDefault();
    const precheck = checkFields(f, { number: { label: labels.number, required: true }, phone: { label: labels.phone, required: true, kind: 'phone' } });
    const ok = await submit((keyFor) => api.post('/api/v1/hotline/public/rate', {
      number: f.number, phone: f.phone ?? '', satisfaction: f.satisfaction || undefined, resolved: f.resolved === '' ? undefined : f.resolved === 'yes',
      note: f.note || undefined,
    }, { 'Idempotency-Key': keyFor() }).then(() => true), precheck);
    if (ok) setDone(true);
  }
  if (done) {
    return <section className="card" aria-live="polite"><h1>{t('hotline.rate.title')}</h1><p data-testid="hl-rated">{t('hotline.rate.done')}</p></section>;
  }
  return (
    <section className="card" aria-labelledby="hl-rate">
      <h1 id="hl-rate">{t('hotline.rate.title')}</h1>
      <p className="muted">{t('hotline.rate.help')}</p>
      <FormAlert error={errors._} />
      <form onSubmit={send} noValidate>
        <Field id="hr-number" label={t('hotline.rate.number')} error={errors.number}><input id="hr-number" value={f.number} onChange={set('number')} /></Field>
        <Field id="hr-phone" label={t('hotline.rate.phone')} error={errors.phone}>
          <input id="hr-phone" value={f.phone ?? ''} onChange={set('phone')} inputMode="tel" />
        </Field>
        <Field id="hr-satisfaction" label={t('hotline.rate.satisfaction')} error={errors.satisfaction}>
          <select id="hr-satisfaction" value={f.satisfaction} onChange={set('satisfaction')}>
            <option value="">{t('hotline.field.choose')}</option>{['满意', '基本满意', '不满意'].map((x) => <option key={x}>{x}</option>)}
          </select>
        </Field>
        <Field id="hr-resolved" label={t('hotline.rate.resolved')} error={errors.resolved}>
          <select id="hr-resolved" value={f.resolved} onChange={set('resolved')}>
            <option value="">{t('hotline.field.choose')}</option>
            <option value="yes">{t('hotline.rate.yes')}</option><option value="no">{t('hotline.rate.no')}</option>
          </select>
        </Field>
        <Field id="hr-note" label={t('hotline.rate.note')} error={errors.note}>
          <textarea id="hr-note" rows={3} value={f.note ?? ''} onChange={set('note')} />
        </Field>
        <button type="submit" disabled={busy}>{busy ? t('common.loading') : t('hotline.rate.go')}</button>
      </form>
    </section>
  );
}
