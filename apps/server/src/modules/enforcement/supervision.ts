/**
 * 行政执法监督 (issue 15; 国办发〔2018〕118号, the 司法局 as 行政执法监督机构): a read-only view of every penalty case of the county
 * with what went wrong (late 公示, decisions past 90 days, missing 法制审核, acts by officers whose certificate was not valid on the
 * day — incl. cases recorded before a certificate was imported; acts without their required 音像记录),
 * and a small case type `enforcement_supervision` for a 监督意见 or
 * 整改通知: issued by the 司法局 (owner), held by the supervised org as 主办, with a rectification clock (本县设定: no national
 * period) and the outcome the 司法局 accepts or sends back.
 */
import { z } from 'zod';
import { sql } from 'kysely';
import { defineWorkflow, zId, type ClockRule } from '@yifa/contracts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import type { Conn } from '../../platform/db/client.ts';
import { invalid } from '../../platform/http/problem.ts';
import { zText } from './workflow.ts';

export const SUPERVISION_RULES: ClockRule[] = [{
  key: 'enforcement.rectification', label: '执法监督整改期限', unit: 'workdays', length: 20, yellowWithin: 3, sourced: false, configurable: true,
  limitKind: 'local', basis: '未见全国统一规定，本县设定（国办发〔2018〕118号要求加强行政执法监督；整改期限由司法局在通知中载明）', effectiveFrom: '2019-01-01',
}];

export const PROBLEMS = ['公示逾期', '超过九十日未作出决定', '未经法制审核', '执法人员证件无效', '全过程记录缺失', '其他'] as const;

export const supervisionWorkflow = defineWorkflow({
  type: 'enforcement_supervision',
  label: '行政执法监督意见',
  prefix: 'JD',
  initial: 'issued',
  states: {
    issued: { label: '待整改' },
    reported: { label: '已报送整改情况' },
    closed: { label: '已办结', terminal: true },
  },
  create: {
    label: '发出监督意见或整改通知',
    roles: ['supervisor'],
    clocks: [{ start: 'rectification', rule: 'enforcement.rectification', note: '发出整改通知', rounds: true }],
    input: z.object({
      orgId: zId('请选择被监督的执法机关').meta({ title: '被监督的执法机关' }),
      penaltyCaseId: zId('案件编号不正确').optional().meta({ title: '涉及的行政处罚案件' }),
      kind: z.enum(['监督意见', '整改通知'], '请选择文书类别').meta({ title: '类别' }),
      problem: z.enum(PROBLEMS, '请选择问题类型').meta({ title: '问题类型' }),
      findings: zText('发现的问题', 5), requirement: zText('整改要求', 5),
    }),
  },
  transitions: {
    issued: {
      report: {
        label: '报送整改情况', to: 'reported', roles: ['handler', 'leader'], clocks: [{ stop: 'rectification' }],
        input: z.object({ measures: zText('整改措施', 5), outcome: z.enum(['已整改', '部分整改', '无法整改'], '请选择整改结果').meta({ title: '整改结果' }) }),
      },
    },
    reported: {
      accept: { label: '确认整改到位', to: 'closed', roles: ['supervisor'], input: z.object({ opinion: zText('审查意见') }) },
      send_back: {
        label: '退回重新整改', to: 'issued', roles: ['supervisor'],
        clocks: [{ start: 'rectification', rule: 'enforcement.rectification', note: '退回重新整改', rounds: true }],
        input: z.object({ opinion: zText('退回理由') }),
      },
    },
  },
  facts: [{ key: 'kind', label: '类别' }, { key: 'problem', label: '问题类型' }, { key: 'penaltyNumber', label: '涉及案件' }, { key: 'outcome', label: '整改结果' }],
});

export const supervisionCaseType: CaseType = {
  workflow: supervisionWorkflow,
  async open(input, actor, _ctx, trx) {
    const org = await trx.selectFrom('orgs').select(['id', 'name']).where('id', '=', String(input.orgId)).executeTakeFirst();
    if (!org) throw invalid([{ path: 'body.input.orgId', message: '机构不存在' }]);
    let penaltyNumber: string | null = null;
    if (input.penaltyCaseId) {
      const pc = await trx.selectFrom('cases').select(['number', 'orgId']).where('id', '=', String(input.penaltyCaseId)).where('type', '=', 'penalty_case')
        .executeTakeFirst();
      if (!pc) throw invalid([{ path: 'body.input.penaltyCaseId', message: '不是本县的行政处罚案件' }]);
      if (pc.orgId !== org.id) throw invalid([{ path: 'body.input.penaltyCaseId', message: '该案件不属于所选执法机关' }]);
      penaltyNumber = pc.number;
    }
    if (!actor.orgId) throw invalid([{ path: 'body.input.orgId', message: '监督机构不明' }]);
    return {
      orgId: actor.orgId, title: `${String(input.kind)}：${org.name}（${String(input.problem)}）`,
      data: { ...input, orgName: org.name, penaltyNumber },
      orgs: [{ orgId: org.id, role: 'lead' }],
    };
  },
  reduce(data, action, input) {
    if (action === 'report') return { ...data, measures: input.measures, outcome: input.outcome };
    if (action === 'accept' || action === 'send_back') return { ...data, opinion: input.opinion, accepted: action === 'accept' };
    return data;
  },
};

/** Every penalty case of the county with its supervision flags (read-only; `now` decides what is overdue). */
export async function supervisionView(db: Conn, region: string, now: Date, opts: { flagged?: boolean; limit: number; offset: number }) {
  const late = (key: string) => sql<boolean>`exists (select 1 from clocks k where k.case_id = c.id and k.key = ${key}
    and ((k.status = 'stopped' and k.met_deadline = false) or (k.status = 'running' and k.due_at < ${now})))`;
  const badCert = sql<string[]>`coalesce((select array_agg(distinct o.cert_no) from jsonb_array_elements_text(coalesce(c.data->'officers', '[]'::jsonb)) n(no)
    left join enforcement_officers o on o.region_code = c.region_code and o.cert_no = n.no
    where o.id is null or o.status <> '有效' or o.issued_on > coalesce(c.data->>'investigatedOn', c.data->>'decidedOn')::date
      or o.expires_on < coalesce(c.data->>'investigatedOn', c.data->>'decidedOn')::date), '{}')`;
  const rows = await db.selectFrom('cases as c').innerJoin('orgs as g', 'g.id', 'c.orgId')
    .select(['c.id', 'c.number', 'c.title', 'c.state', 'g.name as orgName', sql<string>`c.filed_on::text`.as('filedOn'),
      sql<string | null>`c.data->>'decidedOn'`.as('decidedOn'),
      late('publication').as('latePublication'), late('decision').as('overdueDecision'),
      sql<boolean>`coalesce((c.data->>'reviewRequired')::boolean, false) and (c.data->>'decidedOn') is not null
        and not coalesce((c.data->>'reviewPassed')::boolean, false)`.as('missingReview'),
      badCert.as('invalidCertificates'),
      sql<string[]>`coalesce(array(select jsonb_array_elements_text(c.data->'recordingGaps')), '{}')`.as('recordingGaps')])
    .where('c.type', '=', 'penalty_case').where('c.regionCode', '=', region)
    .orderBy('c.filedOn', 'desc').orderBy('c.number', 'desc').execute();
  const items = rows.map((r) => ({ ...r, flags: [r.latePublication && '公示逾期', r.overdueDecision && '超过九十日未作出决定', r.missingReview && '未经法制审核',
    r.invalidCertificates.length > 0 && '执法人员证件无效', r.recordingGaps.length > 0 && '全过程记录缺失'].filter(Boolean) as string[] }));
  const shown = opts.flagged ? items.filter((i) => i.flags.length > 0) : items;
  return { total: shown.length, items: shown.slice(opts.offset, opts.offset + opts.limit) };
}
