import path from 'node:path';
import type { ModuleManifest } from '../../platform/registry.ts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import { AppError } from '../../platform/http/problem.ts';
import { RATING_RULES, rectificationWorkflow, LEVEL_LABEL, CHANNEL_LABEL } from './workflow.ts';
import { defaultRatingsJob, inviteOnTerminal, RATINGS_SETTINGS } from './store.ts';
import { designatedOrg } from '../../platform/orgs/designations.ts';
import { legalDateOf } from '@yifa/contracts';
import { ratingsRoutes } from './routes.ts';
import { ratingsMetrics, RECTIFICATION_DEADLINES } from './metrics.ts';
import { seedRatings } from './seed.ts';

const rectification: CaseType = {
  workflow: rectificationWorkflow,
  async open(input, _actor, ctx, trx, at) {
    const r = await trx.selectFrom('ratingsRatings').selectAll().where('id', '=', String(input.ratingId)).executeTakeFirst();
    if (!r || r.level > 2) throw new AppError('validation_failed', '只有差评（不满意、非常不满意）需要整改', { errors: [{ path: 'body.input.ratingId', message: '不是差评' }] });
    if (r.rectificationCaseId) throw new AppError('validation_failed', '该差评已登记整改', { errors: [{ path: 'body.input.ratingId', message: '已登记' }] });
    // The org that decides 申诉复核 supervises the rectification (designated per county; default: the 司法局).
    const supervisor = await designatedOrg(trx, r.regionCode, 'rating_supervisor', legalDateOf(at));
    return {
      orgId: r.orgId,
      title: `差评整改：${r.itemName ?? r.caseNumber}（${LEVEL_LABEL[r.level]}）`,
      data: {
        ratingId: r.id, ratedCase: r.caseNumber, itemName: r.itemName, level: r.level, levelLabel: LEVEL_LABEL[r.level],
        channel: CHANNEL_LABEL[r.channel], realName: r.realName, comment: r.comment, callbackDone: false,
      },
      orgs: supervisor && supervisor.id !== r.orgId ? [{ orgId: supervisor.id, role: 'supervise' }] : [],
    };
  },
  reduce(data, action, input) {
    if (action === 'callback') return { ...data, callbackDone: true, contacted: input.contacted, callbackMethod: input.method, findings: input.findings };
    if (action === 'rectify') return { ...data, measures: input.measures, feedback: input.feedback };
    if (action === 'appeal') return { ...data, appealGrounds: input.grounds, appealExplanation: input.explanation };
    if (action === 'uphold' || action === 'dismiss') return { ...data, appealDecision: action === 'uphold' ? '申诉成立' : '申诉不成立', appealReason: input.reason };
    return data;
  },
  async afterAction(trx, c, action, input) {
    if (action === 'uphold') {
      await trx.updateTable('ratingsRatings').set({ excluded: true, excludedReason: `申诉复核成立：${String(input.reason)}` }).where('id', '=', String(c.data.ratingId)).execute();
    }
  },
  publicFields: ['levelLabel', 'feedback'],
};

export const ratingsModule: ModuleManifest = {
  id: 'ratings',
  label: '政务服务"好差评"',
  migrations: path.join(import.meta.dirname, 'migrations'),
  permissions: {
    'ratings.record': { label: '登记评价（窗口评价器、12345 回访）', roles: ['dispatcher', 'handler'], scopes: ['cases:write'] },
    'ratings.defaults.run': { label: '生成系统默认评价', roles: ['admin'], scopes: ['admin'] },
  },
  routeAccess: {
    'POST /ratings': 'ratings.record',
    'GET /ratings': 'case.view',
    'POST /ratings/defaults': 'ratings.defaults.run',
  },
  designations: {
    rating_supervisor: {
      label: '好差评申诉复核机构', kinds: ['department', 'other'],
      basis: '国办发〔2019〕51号（建立差评申诉复核机制，误评、恶意差评经复核不计入）；由本县指定',
    },
  },
  settings: RATINGS_SETTINGS,
  systemActor: '好差评',
  auditLabels: { actions: { 'ratings.rate': '评价', 'ratings.followup': '追加评价' }, targets: { ratings_rating: '评价' } },
  caseTypes: [rectification],
  rules: RATING_RULES,
  metrics: ratingsMetrics,
  deadlines: { rating_rectification: RECTIFICATION_DEADLINES },
  routes: ratingsRoutes,
  onCaseEvent: inviteOnTerminal,
  jobs: [defaultRatingsJob],
  seed: seedRatings,
  portalEntries: [
    { key: 'rate', label: '好差评', description: '对已办结的办件和 12345 工单作出评价，查看各单位评价排名', href: '/p/rate' },
  ],
};
