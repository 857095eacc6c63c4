import path from 'node:path';
import type { ModuleManifest, CaseEventNotice } from '../../platform/registry.ts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/problem.ts';
import { APPROVAL_RULES, approvalWorkflow, tripsAfter } from './workflow.ts';
import { APPROVAL_DEADLINES, approvalsMetrics } from './metrics.ts';
import { approvalsRoutes, trackBundle } from './routes.ts';
import { seedApprovals } from './seed.ts';
import { listedService } from '../powers/catalogue.ts';
import { checkApprovalInput, deemedAcceptanceJob, guardApproval } from './acceptance.ts';
import { APPROVALS_SETTINGS } from './settings.ts';
import { APPROVAL_DOCUMENTS } from './documents.ts';
import { designatedOrg } from '../../platform/orgs/designations.ts';
import { legalDateOf } from '@yifa/contracts';

/** The rule variants of the decision and promise clocks for a service item. */
function decisionRules(s: { jointMode: string | null; statutoryBasis: string; statutoryUnit: string; preReview: boolean }): Record<string, string> {
  if (s.preReview) return { decisionRule: 'approvals.decision.prereview' };
  if (s.statutoryBasis) {
    return { decisionRule: s.statutoryUnit === 'days' ? 'approvals.decision.special_days' : 'approvals.decision.special', promiseRule: 'approvals.promise.special' };
  }
  if (s.jointMode) return { decisionRule: 'approvals.decision.joint', promiseRule: 'approvals.promise.joint' };
  return {};
}

const caseType: CaseType = {
  workflow: approvalWorkflow,
  async open(input, actor, ctx, trx, at) {
    const region = ctx.config.defaultRegion;
    const s = await listedService(trx, String(input.serviceId), region);
    if (!s || s.status !== 'active' || s.powerStatus !== 'active') {
      throw new AppError('validation_failed', '清单之外无审批：该事项不在现行权责清单和政务服务事项目录中', { errors: [{ path: 'body.input.serviceId', message: '不是现行清单内的事项' }] });
    }
    const channel = actor.kind === 'public' ? 'online' : String(input.channel);
    if (channel === 'online' && !s.online) throw new AppError('validation_failed', '该事项暂不支持网上申请，请到窗口办理', { errors: [{ path: 'body.input.serviceId', message: '不支持网上申请' }] });
    if (input.bundleId) {
      const b = await trx.selectFrom('approvalsBundles as b').innerJoin('approvalsScenarios as sc', 'sc.id', 'b.scenarioId').select(['b.id', 'sc.serviceIds']).where('b.id', '=', String(input.bundleId)).executeTakeFirst();
      if (!b || !b.serviceIds.includes(s.id)) throw new AppError('validation_failed', '情景式办件与事项不符', { errors: [{ path: 'body.input.bundleId', message: '不属于该情景' }] });
    }
    // The 政务服务中心 whose window received it holds the case too (一窗受理, 《行政许可法》第二十六条), if the county designated one.
    const window = await designatedOrg(trx, region, 'service_centre', legalDateOf(at));
    const submitted = (input.materials as string[]) ?? [];
    const required = s.materials.filter((m) => m.required).map((m) => m.name);
    return {
      orgId: s.orgId,
      title: `${s.name}（${String(input.applicantKind) === 'organisation' ? String(input.applicantName) : '个人申请'}）`,
      data: {
        serviceId: s.id, itemCode: s.code, itemName: s.name, powerCode: s.powerCode, channel, instant: s.instant,
        promisedDays: s.promisedDays, statutoryDays: s.statutoryDays, materials: submitted, requiredMaterials: required,
        missingMaterials: required.filter((m) => !submitted.includes(m)),
        statutoryUnit: s.statutoryUnit, ...(s.statutoryBasis ? { statutoryBasis: s.statutoryBasis } : {}),
        ...(s.preReview ? { preReview: true } : {}),
        // The decision clocks' rule variant (clock effect ruleField): 统一/联合/集中办理 (Art. 42 ¶2), a period another law gives
        // (Art. 42 ¶1 "另有规定"), or this county's 20-day 初步审查 of an item a higher organ decides (Art. 43).
        ...(s.jointMode ? { jointMode: s.jointMode } : {}), ...decisionRules(s),
        form: input.form ?? {}, bundleId: input.bundleId ?? null, trips: tripsAfter('open', { channel }), corrections: 0,
      },
      parties: [{ role: 'applicant', kind: input.applicantKind === 'organisation' ? 'organisation' : 'person', name: String(input.applicantName), phone: String(input.applicantPhone), idNo: (input.applicantIdNo as string | undefined) ?? null }],
      orgs: window && window.id !== s.orgId ? [{ orgId: window.id, role: 'assist' }] : [],
    };
  },
  reduce(data, action, input) {
    const trips = Number(data.trips ?? 0) + tripsAfter(action, input);
    if (action === 'notify_correction') return { ...data, trips, corrections: Number(data.corrections ?? 0) + 1, correctionItems: input.items };
    if (action === 'materials_submitted') {
      const materials = [...new Set([...(data.materials as string[] ?? []), ...(input.materials as string[])])];
      const required = (data.requiredMaterials as string[] | undefined) ?? [];
      return { ...data, trips, materials, missingMaterials: required.filter((m) => !materials.includes(m)) };
    }
    if (action === 'forward') return { ...data, trips, superiorOrg: input.superiorOrg, preReviewOpinion: input.opinion };
    if (action === 'superior_approve') return { ...data, trips, decision: '准予许可', licenceNo: input.licenceNo, decisionNo: input.decisionNo };
    if (action === 'superior_deny') return { ...data, trips, decision: '不予许可', reasons: input.reasons, decisionNo: input.decisionNo };
    if ((action === 'accept' || action === 'deem_accept') && input.deemedAcceptedOn) return { ...data, trips, deemedAcceptedOn: input.deemedAcceptedOn };
    if (action === 'approve') return { ...data, trips, decision: '准予许可', licenceNo: input.licenceNo };
    if (action === 'deny') return { ...data, trips, decision: '不予许可', reasons: input.reasons };
    if (action === 'refuse') return { ...data, trips, decision: '不予受理', refuseReason: input.reason };
    if (action === 'deliver') return { ...data, trips, deliveryMethod: input.method };
    return { ...data, trips };
  },
  guard: guardApproval,
  checkInput: checkApprovalInput,
  publicFields: ['itemName', 'channel', 'jointMode', 'deemedAcceptedOn', 'decision', 'licenceNo', 'correctionItems', 'deliveryMethod', 'trips'],
  publicTitle: (d) => String(d.itemName ?? '行政审批办件'),
};

/** Keep the 办件 projection (approvals_applications) in step with the case, in the same transaction. */
async function project(trx: Tx, e: CaseEventNotice, _ctx: Ctx): Promise<void> {
  if (e.type !== 'approval') return;
  const c = await trx.selectFrom('cases').select(['id', 'regionCode', 'orgId', 'data', 'state']).where('id', '=', e.caseId).executeTakeFirstOrThrow();
  const d = c.data as Record<string, unknown>;
  if (e.action === 'open') {
    await trx.insertInto('approvalsApplications').values({
      caseId: c.id, regionCode: c.regionCode, orgId: c.orgId, serviceId: String(d.serviceId), itemCode: String(d.itemCode), itemName: String(d.itemName),
      channel: d.channel as 'window' | 'online', instant: Boolean(d.instant), promisedDays: Number(d.promisedDays), statutoryDays: Number(d.statutoryDays),
      trips: Number(d.trips), corrections: 0, bundleId: (d.bundleId as string | null) ?? null, state: c.state, receivedAt: e.at,
      decidedAt: null, decision: null, finishedAt: null,
    }).execute();
    return;
  }
  const decided = ['approve', 'deny', 'refuse'].includes(e.action);
  await trx.updateTable('approvalsApplications').set({
    state: c.state, trips: Number(d.trips ?? 0), corrections: Number(d.corrections ?? 0),
    ...(decided ? { decidedAt: e.at, decision: d.decision as '准予许可' | '不予许可' | '不予受理' } : {}),
    ...(e.terminal ? { finishedAt: e.at } : {}),
  }).where('caseId', '=', c.id).execute();
}

export const approvalsModule: ModuleManifest = {
  id: 'approvals',
  label: '行政审批（一窗受理、情景式服务）',
  migrations: path.join(import.meta.dirname, 'migrations'),
  dependsOn: ['powers'],
  roles: {
    approver: {
      label: '审批人员', description: '作出准予、不予行政许可决定（与收件、受理分岗）；由本县确定哪些岗位持有',
      permissions: ['org.view', 'case.view', 'case.act', 'case.record_late', 'case.reveal', 'case.upload', 'notification.view', 'approvals.view',
        'documents.issue', 'metrics.own'],
    },
  },
  demoUsers: [
    { username: 'approver', name: '郑审批', org: 'xzspj', role: 'approver', subtree: false, what: '审批人员（行政审批局、市场监管局、生态环境局，作出许可决定）',
      more: [{ role: 'approver', org: 'scjgj' }, { role: 'approver', org: 'sthjj' }] },
    { username: 'bureau', name: '冯局长', org: 'xzspj', role: 'leader', subtree: false, what: '行政审批局负责人（批准延长审批期限）' },
  ],
  settings: APPROVALS_SETTINGS,
  permissions: {
    'approvals.view': { label: '进入政务服务（审批）工作台', roles: ['admin', 'leader', 'supervisor', 'dispatcher', 'handler', 'reviewer'], scopes: ['cases:read', 'cases:write'] },
    'approvals.intake': { label: '窗口收件（一窗受理）', roles: ['dispatcher', 'handler'], scopes: ['cases:write'] },
    'approvals.scenario.manage': { label: '配置情景式服务', roles: ['admin', 'dispatcher'], scopes: ['admin'] },
  },
  routeAccess: {
    'GET /approvals/scenarios': 'org.view',
    'POST /approvals/scenarios': 'approvals.scenario.manage',
    'POST /approvals/scenarios/:id/apply': 'approvals.intake',
    'GET /approvals/applications': 'case.view',
  },
  designations: {
    service_centre: {
      label: '政务服务中心（一窗受理）', kinds: ['department', 'other'],
      basis: '《行政许可法》第二十六条（统一受理、统一送达）；国务院令第716号《国务院关于在线政务服务的若干规定》',
    },
  },
  systemActor: '行政审批',
  auditLabels: { actions: { 'approvals.bundle.apply': '一件事申请', 'approvals.scenario.create': '新增情景式服务' }, targets: { approvals_bundle: '一件事', approvals_scenario: '情景式服务' } },
  caseTypes: [caseType],
  documents: APPROVAL_DOCUMENTS,
  rules: APPROVAL_RULES,
  metrics: approvalsMetrics,
  deadlines: { approval: APPROVAL_DEADLINES },
  routes: approvalsRoutes,
  publicTrack: trackBundle,
  onCaseEvent: project,
  jobs: [deemedAcceptanceJob],
  seed: seedApprovals,
  portalEntries: [
    { key: 'services', label: '办事指南', description: '查询政务服务事项的办理条件、材料、时限和收费，网上申请', href: '/p/services' },
    { key: 'scenarios', label: '情景式服务', description: '一件事一次办：一张表单、一套材料，多个事项并联办理', href: '/p/scenarios' },
  ],
};
