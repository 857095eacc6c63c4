/**
 * 行政执法主体 published yearly (issue 15; 国办发〔2018〕118号 事前公示: 执法主体、人员、职责、权限、依据): each org that holds an
 * enforcement power of the 权责清单 on the list's date (read through the powers read API, own items and those delegated to it), its
 * category (行政机关 / 法律法规授权组织 / 受委托组织 — the enforcement module's own data, the spine's orgs have no such field), its
 * powers and the number of its officers with a valid certificate. The 司法局 publishes a year's list through the publication service
 * (one catalogue item per year, a new version at each publication); every version is kept here for the portal.
 */
import { z } from 'zod';
import { sql } from 'kysely';
import { legalDateOf } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.ts';
import type { Conn, Tx } from '../../platform/db/client.ts';
import { assertCan, type Actor } from '../../platform/authz.ts';
import { AppError, invalid, notFound } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { appendAuditInTrx } from '../../platform/audit/chain.ts';
import { zUuid } from '../../platform/http/validation.ts';
import { publishInTrx } from '../../platform/publication/publication.ts';
import type { MetricScope } from '../../platform/metrics/registry.ts';
import { orgScope } from '../../platform/metrics/kit.ts';
import { activeItemsOn } from '../powers/store.ts';
import { itemsAsOfTable } from '../powers/catalogue.ts';

/**
 * The 权责清单 types that are enforcement powers (行政执法 in 118号's sense). 118号 names 行政处罚、行政强制、行政检查、行政征收征用、
 * 行政许可 among the 执法行为; the verbatim list is unsourced (DOMAIN.md §6.1) — this platform lists the four kinds that 执法人员 carry out.
 */
export const ENFORCEMENT_POWER_TYPES = ['行政处罚', '行政强制', '行政检查', '行政征收'] as const;
export const SUBJECT_KINDS = ['行政机关', '法律法规授权组织', '受委托组织'] as const;
/** Catalogue category of the list (no 条例第二十条 item names it: a custom category). */
export const SUBJECTS_CATEGORY = 'custom:行政执法主体（事前公示）';
/** The first year a list can be for: 118号 applies from 2019. */
export const FIRST_YEAR = 2019;
const UNREGISTERED = '未登记主体类别';

export interface SubjectEntry {
  orgId: string; orgName: string; orgCode: string; kind: string; basis: string; entrustedBy: string | null; officers: number;
  powers: { id: string; code: string; name: string; type: string; basis: string; delegatedFrom: string | null }[];
}

/** The date a year's list is made as of: the end of a past year, today in the current one, the first day of the next. */
export function asOfDateFor(year: number, today: string): string {
  const y = Number(today.slice(0, 4));
  if (year < y) return `${year}-12-31`;
  return year === y ? today : `${year}-01-01`;
}

/** The list as it stands on a date: every org exercising an enforcement power then, with its category, powers and valid certificates. */
export async function subjectsOn(conn: Conn, region: string, on: string): Promise<SubjectEntry[]> {
  const powers = await activeItemsOn(conn, region, on, { types: ENFORCEMENT_POWER_TYPES });
  const orgIds = [...new Set(powers.map((p) => p.orgId))];
  if (!orgIds.length) return [];
  const orgs = await conn.selectFrom('orgs').select(['id', 'name', 'code', 'kind']).where('id', 'in', orgIds).execute();
  const names = new Map((await conn.selectFrom('orgs').select(['id', 'name']).where('regionCode', '=', region).execute()).map((o) => [o.id, o.name]));
  const kinds = new Map((await conn.selectFrom('enforcementSubjectKinds').selectAll().where('regionCode', '=', region).execute()).map((k) => [k.orgId, k]));
  const officers = new Map((await conn.selectFrom('enforcementOfficers').select(['orgId', sql<number>`count(*)::int`.as('n')])
    .where('regionCode', '=', region).where('status', '=', '有效').where(sql<boolean>`issued_on <= ${on}::date and expires_on >= ${on}::date`)
    .groupBy('orgId').execute()).map((r) => [r.orgId, r.n]));
  return orgs.map((o) => {
    const k = kinds.get(o.id);
    const kind = k?.kind ?? (['government', 'department', 'township'].includes(o.kind) ? '行政机关' : UNREGISTERED);
    return {
      orgId: o.id, orgName: o.name, orgCode: o.code, kind, basis: k?.basis ?? (kind === '行政机关' ? '依法设立的行政机关' : ''),
      entrustedBy: k?.entrustedBy ? names.get(k.entrustedBy) ?? null : null, officers: officers.get(o.id) ?? 0,
      powers: powers.filter((p) => p.orgId === o.id).sort((a, b) => a.code.localeCompare(b.code)).map((p) => ({ id: p.id, code: p.code, name: p.name,
        type: p.type, basis: [p.basisLaw, p.basisArticle].filter(Boolean).join(' '),
        delegatedFrom: p.delegatedFrom ? names.get(p.delegatedFrom) ?? null : null })),
    };
  }).sort((a, b) => a.orgCode.localeCompare(b.orgCode));
}

/** The list as text for the catalogue item's body (the portal page shows it structured). */
function listText(entries: SubjectEntry[]): string {
  return entries.map((e, i) => {
    const byType = ENFORCEMENT_POWER_TYPES.map((t) => [t, e.powers.filter((p) => p.type === t).length] as const).filter(([, n]) => n > 0);
    return `${i + 1}. ${e.orgName}（${e.kind}${e.entrustedBy ? `，受${e.entrustedBy}委托` : ''}）：${byType.map(([t, n]) => `${t} ${n} 项`).join('、')}；`
      + `持有效执法证件人员 ${e.officers} 人`;
  }).join('\n');
}

/** Metric source: orgs exercising at least one enforcement power on the last day of the period (own or delegated items). */
export const subjectsFrom = (s: MetricScope) => sql`from orgs o where o.region_code = ${s.region} and exists (
    select 1 from ${itemsAsOfTable(s.region, s.to)} p where p.status = 'active' and p.type in (${sql.join([...ENFORCEMENT_POWER_TYPES])})
    and (p.org_id = o.id or (p.delegated_on <= ${s.to}::date and (p.delegated_until is null or p.delegated_until > ${s.to}::date)
      and p.delegated_to ? o.id::text))) ${orgScope(s, 'o.id')}`;

/**
 * Publish a year's list (a new version) through the publication service, in the caller's transaction, with its audit record; the
 * list is made as of `asOfDateFor(year, today)`. Null when the 权责清单 holds no enforcement power that day.
 */
export async function publishSubjectsInTrx(ctx: Ctx, trx: Tx, p: { region: string; year: number; orgId: string; actor: Actor }) {
  const now = ctx.clock.now();
  const on = legalDateOf(now);
  const asOf = asOfDateFor(p.year, on);
  const entries = await subjectsOn(trx, p.region, asOf);
  if (!entries.length) return null;
  const prior = await trx.selectFrom('enforcementSubjectLists').select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
    .where('regionCode', '=', p.region).where('year', '=', p.year).executeTakeFirstOrThrow();
  const version = prior.v + 1;
  const item = await publishInTrx(ctx, trx, {
    regionCode: p.region, orgId: p.orgId, sourceModule: 'enforcement', sourceRef: `subjects:${p.year}`, category: SUBJECTS_CATEGORY,
    title: `${p.year}年度行政执法主体名单`, docNo: null, formedOn: on, publishedOn: on,
    summary: `共 ${entries.length} 个行政执法主体（权责清单截至 ${asOf}）；第 ${version} 版`, body: listText(entries),
    actor: { userId: p.actor.userId, name: p.actor.name },
  });
  const row = await trx.insertInto('enforcementSubjectLists').values({ regionCode: p.region, year: p.year, version, asOf, publishedOn: on,
    entries: JSON.stringify(entries), disclosureItemId: item.id, publishedBy: p.actor.userId, publishedByName: p.actor.name, createdAt: now })
    .returningAll().executeTakeFirstOrThrow();
  await appendAuditInTrx(trx, { id: p.actor.userId, name: p.actor.name, ip: p.actor.ip }, { action: 'enforcement.subjects.publish',
    targetType: 'enforcement_subject_list', targetId: row.id,
    detail: { year: p.year, version, subjects: entries.length, indexNo: item.indexNo } }, now, p.region);
  return { row, indexNo: item.indexNo, subjects: entries.length };
}

export async function subjectRoutes(api: FastifyInstance, ctx: Ctx) {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const region = ctx.config.defaultRegion;
  const today = () => legalDateOf(ctx.clock.now());
  const zYear = z.number('请填写年度').int('年度应为整数').superRefine((y, c) => {
    const last = Number(today().slice(0, 4)) + 1;
    if (y < FIRST_YEAR || y > last) c.addIssue({ code: 'custom', message: `年度应在 ${FIRST_YEAR}–${last} 之间` });
  });
  const latest = (year: number) => ctx.db.selectFrom('enforcementSubjectLists').selectAll().where('regionCode', '=', region).where('year', '=', year)
    .orderBy('version', 'desc').executeTakeFirst();
  const view = (r: NonNullable<Awaited<ReturnType<typeof latest>>>) => ({
    year: r.year, version: r.version, asOf: String(r.asOf), publishedOn: String(r.publishedOn), entries: r.entries as SubjectEntry[],
    disclosureItemId: r.disclosureItemId, url: `/p/enforcement/subjects?year=${r.year}`,
  });
  const years = async () => (await ctx.db.selectFrom('enforcementSubjectLists').select('year').distinct().where('regionCode', '=', region)
    .orderBy('year', 'desc').execute()).map((r) => r.year);

  app.get('/enforcement/subjects', {
    schema: { tags: ['行政执法'], summary: '行政执法主体：按年度的现状（权责清单中的执法职权、持证人员）及已公布的最新版本', querystring: z.object({
      year: z.coerce.number('请填写年度').int('年度应为整数').min(FIRST_YEAR, `年度不早于 ${FIRST_YEAR}`).max(2100).optional() }) },
  }, async (req) => {
    assertCan(req.actor, 'org.view');
    const year = req.query.year ?? Number(today().slice(0, 4));
    const asOf = asOfDateFor(year, today());
    const published = await latest(year);
    return { year, asOf, entries: await subjectsOn(ctx.db, region, asOf), published: published ? view(published) : null };
  });

  app.post('/enforcement/subjects/publish', {
    schema: { tags: ['行政执法'], summary: '公布年度行政执法主体名单（经公开目录发布；再次公布即新版本；支持 Idempotency-Key）',
      body: z.object({ year: zYear }) },
  }, async (req, reply) => {
    assertCan(req.actor, 'enforcement.subjects.publish', {}, '只有司法局（行政执法监督机构）或管理员可以公布行政执法主体名单');
    const orgId = req.actor.orgId;
    if (!orgId) throw new AppError('forbidden', '公布名单的机关不明');
    const r = await runCommand(ctx, req.actor, req.headers['idempotency-key'] as string | undefined, req.body, async (trx) => {
      const { year } = req.body;
      const done = await publishSubjectsInTrx(ctx, trx, { region, year, orgId, actor: req.actor });
      if (!done) throw invalid([{ path: 'body.year', message: `${asOfDateFor(year, today())} 权责清单中没有行政执法职权，无可公布的执法主体` }]);
      return { status: 201, body: { ...view(done.row), indexNo: done.indexNo, subjects: done.subjects } };
    });
    return reply.status(r.status).send(r.body);
  });

  app.put('/enforcement/subject-kinds/:orgId', {
    schema: { tags: ['行政执法'], summary: '登记执法主体类别（法律法规授权组织、受委托组织）及依据', params: z.object({ orgId: zUuid }),
      body: z.object({
        kind: z.enum(SUBJECT_KINDS, '应为 行政机关、法律法规授权组织 或 受委托组织'),
        basis: z.string().trim().min(4, '请写明授权或委托的依据').max(500, '最多 500 个字'),
        entrustedBy: zUuid.nullable().default(null),
      }).superRefine((v, c) => {
        if (v.kind === '受委托组织' && !v.entrustedBy) c.addIssue({ code: 'custom', path: ['entrustedBy'], message: '请选择委托的行政机关' });
        if (v.kind !== '受委托组织' && v.entrustedBy) c.addIssue({ code: 'custom', path: ['entrustedBy'], message: '只有受委托组织填写委托机关' });
      }) },
  }, async (req) => {
    assertCan(req.actor, 'enforcement.subjects.publish', {}, '只有司法局（行政执法监督机构）或管理员可以登记执法主体类别');
    const ids = [req.params.orgId, req.body.entrustedBy].filter((x): x is string => !!x);
    const found = new Set((await ctx.db.selectFrom('orgs').select('id').where('regionCode', '=', region).where('id', 'in', ids).execute()).map((o) => o.id));
    const errors = [...(found.has(req.params.orgId) ? [] : [{ path: 'params.orgId', message: '机构不存在' }]),
      ...(req.body.entrustedBy && !found.has(req.body.entrustedBy) ? [{ path: 'body.entrustedBy', message: '机构不存在' }] : [])];
    if (errors.length) throw invalid(errors);
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('enforcementSubjectKinds').values({ regionCode: region, orgId: req.params.orgId, ...req.body, updatedAt: now })
        .onConflict((oc) => oc.columns(['regionCode', 'orgId']).doUpdateSet({ kind: req.body.kind, basis: req.body.basis, entrustedBy: req.body.entrustedBy,
          updatedAt: now })).execute();
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: 'enforcement.subject.kind',
        targetType: 'org', targetId: req.params.orgId, detail: { kind: req.body.kind } }, now, region);
    });
    return { orgId: req.params.orgId, ...req.body };
  });

  const pub = { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } };
  app.get('/public/enforcement/subjects', {
    config: pub,
    schema: { tags: ['公众'], summary: '行政执法主体名单（按年度，最新公布的版本；事前公示）', querystring: z.object({
      year: z.coerce.number('年度应为数字').int('年度应为整数').min(FIRST_YEAR, `年度不早于 ${FIRST_YEAR}`).max(2100, '年度不正确').optional() }) },
  }, async (req) => {
    const all = await years();
    const year = req.query.year ?? all[0];
    if (year === undefined) return { years: all, list: null };
    const r = await latest(year);
    if (!r && req.query.year !== undefined) throw notFound(`${year}年度行政执法主体名单`);
    return { years: all, list: r ? view(r) : null };
  });
}
