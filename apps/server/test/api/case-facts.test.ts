import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineWorkflow } from '@yifa/contracts';
import { factPlan } from '../../src/platform/cases/facts.ts';
import { hotlineWorkflow } from '../../src/modules/hotline/workflow.ts';
import { approvalWorkflow } from '../../src/modules/approvals/workflow.ts';
import { createTestEnv, type Session, type TestEnv } from '../harness.ts';

type Fact = { key: string; label: string; kind: string; value: unknown };
let env: TestEnv;
let dispatcher: Session;
let orgs: Record<string, { id: string; name: string }>;

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.login('dispatcher');
  const rows = (await env.ownerSql(`select code, id, name from orgs where region_code = '990101'`)).rows as { code: string; id: string; name: string }[];
  orgs = Object.fromEntries(rows.map((r) => [r.code.replace('990101-', ''), r]));
});
afterAll(async () => { await env.close(); });

const byKey = (facts: Fact[]) => Object.fromEntries(facts.map((f) => [f.key, f]));
/** The facts come in the declared order (absent ones left out). */
const declaredOrder = (facts: Fact[], declared: readonly { key: string }[]) =>
  expect(facts.map((f) => f.key)).toEqual(declared.map((d) => d.key).filter((k) => facts.some((f) => f.key === k)));

describe('fact declarations: failures first', () => {
  const wf = (facts: { key: string; label?: string }[]) => defineWorkflow({
    type: 't', label: 't', prefix: 'T', initial: 'a', states: { a: { label: 'A' } }, transitions: {},
    create: { label: '登记', roles: ['handler'], input: z.object({ named: z.string().meta({ title: '有标题' }), bare: z.string() }) },
    facts,
  });
  it('a fact without a label (none declared, no title in any input schema) stops the start', () => {
    expect(() => factPlan(wf([{ key: 'bare' }]))).toThrow(/t: fact bare has no label/);
    expect(() => factPlan(wf([{ key: 'fee.amount' }]))).toThrow(/fee\.amount/);
  });
  it('labels default to the input field titles; a declared label wins', () => {
    expect(factPlan(wf([{ key: 'named' }, { key: 'bare', label: '自定' }])).map((f) => [f.label, f.kind])).toEqual([['有标题', 'text'], ['自定', 'text']]);
  });
});

describe('the case view lists the declared facts, labelled, in order; internal fields stay out', () => {
  it('hotline: codes as words, orgs as names, 事项要素 under the 派单目录 labels, no personal data', async () => {
    const r = await dispatcher.post('/api/v1/cases', { type: 'hotline_ticket', input: {
      channel: 'phone', ticketType: '投诉', categoryCode: '01.01', urgency: 'high', description: '城关镇某餐馆后厨卫生状况差，出售过期食品。',
      townshipId: orgs.cgz!.id, attributes: { shop: '老街饭店' }, parties: { name: '孙七', phone: '13911112222' },
    } });
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json() as { id: string; facts: Fact[]; data: Record<string, unknown> };
    declaredOrder(v.facts, hotlineWorkflow.facts!);
    const f = byKey(v.facts);
    expect(f.channel).toEqual({ key: 'channel', label: '受理渠道', kind: 'enum', value: '电话' });
    expect(f.urgency?.value).toBe('紧急');
    expect(f.ticketType).toMatchObject({ label: '诉求类型', value: '投诉' });
    expect(f.townshipId).toEqual({ key: 'townshipId', label: '乡镇（街道）', kind: 'org', value: orgs.cgz!.name });
    expect(f.attributeFacts).toEqual({ key: 'attributeFacts', label: '事项要素', kind: 'pairs', value: { 商户名称: '老街饭店' } });
    expect(f.description).toMatchObject({ label: '诉求内容', kind: 'longText' });
    // internal working fields are in data (API clients) but never among the facts
    expect(v.data.limitRule).toBe('hotline.citizen');
    for (const k of ['limitRule', 'suggestedOrgId', 'line', 'returnCount', 'redoCount', 'categoryCode', 'attributes']) expect(f[k], k).toBeUndefined();
    expect(JSON.stringify(v.facts)).not.toMatch(/13911112222|孙七/);

    const d = await dispatcher.post(`/api/v1/cases/${v.id}/actions`, { action: 'dispatch', input: { leadOrgId: orgs.scjgj!.id, assistOrgIds: [orgs.cgz!.id], note: '请核查' } });
    expect(d.statusCode, d.body).toBe(200);
    const after = byKey((await dispatcher.get(`/api/v1/cases/${v.id}`)).json().facts);
    expect(after.leadOrgId).toEqual({ key: 'leadOrgId', label: '主办单位', kind: 'org', value: orgs.scjgj!.name });
    expect(after.assistOrgIds?.value).toEqual([orgs.cgz!.name]);
    expect(after.dispatchNote).toMatchObject({ label: '派单意见', value: '请核查' });

    // The timeline says the same in words: labels not codes, names not ids, no personal data (issue 11: no codes on screens).
    const timeline = (await dispatcher.get(`/api/v1/cases/${v.id}`)).json().timeline as { action: string; details: { label: string; value: string }[] }[];
    const opened = Object.fromEntries(timeline.find((e) => e.action === 'open')!.details.map((d) => [d.label, d.value]));
    expect(opened).toMatchObject({ 受理渠道: '电话', 紧急程度: '紧急', 诉求类型: '投诉', '乡镇（街道）': orgs.cgz!.name });
    const dispatched = Object.fromEntries(timeline.find((e) => e.action === 'dispatch')!.details.map((d) => [d.label, d.value]));
    expect(dispatched).toMatchObject({ 主办单位: orgs.scjgj!.name, 协办单位: orgs.cgz!.name, 派单意见: '请核查' });
    const shown = JSON.stringify(timeline.map((e) => e.details));
    expect(shown).not.toMatch(/13911112222|孙七|\bphone\b|\bhigh\b|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('every code a workflow stores in an enum field has a label to show instead (no codes on screens)', async () => {
    const { z: zod } = await import('zod');
    type P = { enum?: unknown[]; 'x-enumLabels'?: Record<string, string>; properties?: Record<string, P>; items?: P; anyOf?: P[]; title?: string };
    const bare: string[] = [];
    const walk = (p: P, path: string, labels?: Record<string, string>) => {
      for (const a of p.anyOf ?? []) walk(a, path, labels ?? p['x-enumLabels']);
      const own = p['x-enumLabels'] ?? labels;
      for (const v of p.enum ?? []) if (typeof v === 'string' && /[a-z]/i.test(v) && !own?.[v]) bare.push(`${path}=${v}`);
      for (const [k, x] of Object.entries(p.properties ?? {})) walk(x, `${path}.${k}`);
      if (p.items) walk(p.items, `${path}[]`, own);
    };
    for (const t of env.ctx.registry.caseTypes.values()) {
      const w = t.workflow;
      if (w.internal) continue; // a record kept on its own screens (the 权责清单's adjustments), not a 办件 timeline
      walk(zod.toJSONSchema(w.create.input, { unrepresentable: 'any', io: 'input' }) as P, `${w.type}.create`);
      for (const [s, acts] of Object.entries(w.transitions)) {
        for (const [n, a] of Object.entries(acts ?? {})) {
          const input = (a as { input?: z.ZodObject }).input;
          if (input) walk(zod.toJSONSchema(input, { unrepresentable: 'any', io: 'input' }) as P, `${w.type}.${s}.${n}`);
        }
      }
    }
    expect(bare).toEqual([]);
  });

  it('approvals: a joint item shows its limits in working days; rule keys and ids stay internal', async () => {
    const s = ((await dispatcher.get('/api/v1/powers/services')).json() as { id: string; code: string; materials: { name: string }[] }[]).find((x) => x.code === 'FW-012')!;
    const r = await dispatcher.post('/api/v1/cases', { type: 'approval', input: {
      serviceId: s.id, channel: 'window', applicantKind: 'person', applicantName: '钱多多', applicantPhone: '13812345678',
      materials: s.materials.slice(0, 3).map((m) => m.name), form: { 项目名称: '城东小学教学楼' },
    } });
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json() as { id: string; facts: Fact[]; data: Record<string, unknown> };
    declaredOrder(v.facts, approvalWorkflow.facts!);
    const f = byKey(v.facts);
    expect(f.itemName?.value).toBe('建设工程施工许可（住建、人防、消防联合办理）');
    expect(f.channel).toMatchObject({ label: '收件渠道', value: '窗口' });
    expect(f.jointMode?.value).toBe('联合办理');
    expect(f.statutoryDays).toEqual({ key: 'statutoryDays', label: '法定办理时限', kind: 'workdays', value: 45 });
    expect(f.materials).toMatchObject({ label: '已收材料', kind: 'list', value: s.materials.slice(0, 3).map((m) => m.name) });
    expect(f.missingMaterials?.value).toEqual(s.materials.slice(3).map((m) => m.name));
    expect(f.form).toMatchObject({ label: '申请表内容', kind: 'pairs', value: { 项目名称: '城东小学教学楼' } });
    expect(v.data.decisionRule).toBe('approvals.decision.joint');
    for (const k of ['decisionRule', 'promiseRule', 'serviceId', 'powerCode', 'bundleId', 'corrections']) expect(f[k], k).toBeUndefined();
    expect(JSON.stringify(v.facts)).not.toMatch(/13812345678|钱多多/);

    // the one notice lists every missing required material (Art. 32 ¶1(4))
    const items = [...s.materials.slice(3).map((m) => m.name), '施工合同（盖章页）'];
    const c = await dispatcher.post(`/api/v1/cases/${v.id}/actions`, { action: 'notify_correction', input: { items } });
    expect(c.statusCode, c.body).toBe(200);
    expect(byKey(c.json().facts).correctionItems).toEqual({ key: 'correctionItems', label: '需补正的全部内容', kind: 'list', value: items });
  });
});
