import { useCallback, useEffect, useState } from 'react';
import { App, Button, Descriptions, Input, Radio, Select, Space, Typography } from 'antd';
import { api, newIdempotencyKey } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';

interface Assignment {
  id: string; name: string; kind: string; unit: string; declaration: string | null; opinion: string | null; signedAt: string | null; endedAt: string | null;
}
interface Option { id: string; name: string; kind: string; unit: string; expertise: string[] }

/**
 * On a 合法性审查 in 审核中: the advisors and experts of the case (declaration, signed opinion) and, when the case allows it, the
 * reviewer's acts for them: 指派, 利益冲突声明, 签署的意见 (case actions; the advisors module checks them).
 */
export function AdvisorPanel({ caseId, version, actions, onDone }: { caseId: string; version: number; actions: string[]; onDone: () => void }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<Assignment[]>([]);
  const [options, setOptions] = useState<Option[]>([]);
  const [pick, setPick] = useState<string | undefined>();
  const [declaration, setDeclaration] = useState<string>('无利益冲突');
  const [opinion, setOpinion] = useState('');
  const load = useCallback(() => api.get<{ items: Assignment[] }>('/api/v1/advisors/assignments', { caseId }).then((r) => setItems(r.items),
    () => undefined), [caseId]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { api.get<{ items: Option[] }>('/api/v1/advisors', { status: 'active' }).then((r) => setOptions(r.items), () => undefined); }, []);
  const act = async (action: string, input: Record<string, unknown>) => {
    try {
      await api.post(`/api/v1/cases/${caseId}/actions`, { action, input, version }, { 'Idempotency-Key': newIdempotencyKey() });
      message.success(t('advisors.panel.done'));
      setPick(undefined); setOpinion('');
      void load(); onDone();
    } catch (e) { message.error(problemText(e)); }
  };
  const open = items.find((a) => !a.endedAt);
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{t('advisors.panel.title')}</Typography.Title>
      {items.map((a) => (
        <Descriptions key={a.id} size="small" column={1} bordered style={{ marginBottom: 8 }} items={[
          { key: 'n', label: t(`advisors.kind.${a.kind}`), children: `${a.name}（${a.unit}）` },
          { key: 'd', label: t('advisors.panel.declaration'), children: a.declaration ?? t('advisors.none') },
          ...(a.opinion ? [{ key: 'o', label: t('advisors.panel.opinion'), children: a.opinion }] : []),
        ]} />
      ))}
      {actions.includes('assign_advisor') && !open && <Space.Compact style={{ width: '100%' }}>
        <Select showSearch optionFilterProp="label" style={{ width: '100%' }} placeholder={t('advisors.panel.pick')} aria-label={t('advisors.panel.pick')}
          value={pick}
          onChange={setPick} options={options.map((o) => ({ value: o.id,
            label: `${o.name}（${t(`advisors.kind.${o.kind}`)}，${o.unit}${o.expertise.length ? `，${o.expertise.join('、')}` : ''}）` }))} />
        <Button disabled={!pick} onClick={() => void act('assign_advisor', { advisorId: pick })}>{t('advisors.panel.assign')}</Button>
      </Space.Compact>}
      {open && !open.declaration && actions.includes('advisor_declare') && <Space>
        <Radio.Group value={declaration} onChange={(e) => setDeclaration(e.target.value)} options={['无利益冲突', '存在利益冲突，申请回避']} />
        <Button onClick={() => void act('advisor_declare', { declaration })}>{t('advisors.panel.declare')}</Button>
      </Space>}
      {open?.declaration === '无利益冲突' && actions.includes('advisor_sign') && <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea rows={3} value={opinion} onChange={(e) => setOpinion(e.target.value)} aria-label={t('advisors.panel.opinion')}
          placeholder={t('advisors.panel.opinion')} />
        <Button onClick={() => void act('advisor_sign', { opinion })}>{t('advisors.panel.sign')}</Button>
      </Space>}
    </div>
  );
}
