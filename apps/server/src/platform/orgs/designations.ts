/**
 * Designated orgs: which org of a region holds a legal role (司法局 as 复议机构 and 合法性审核机构,
 * the 行政审批局, the 12345 centre …) from which date. Declared by the spine and the modules
 * (`designations` in a manifest), set by an administrator as data with history, and asked for by
 * modules — never found by patterns in org codes. A designation is valid on [validFrom, validTo):
 * a new designation closes the open one on its own first day.
 */
import { z } from 'zod';
import { sql, type RawBuilder } from 'kysely';
import { legalDateOf, isLegalDate, UUID_RE, type OrgKind } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Conn, Tx } from '../db/client.ts';
import type { Ctx } from '../context.ts';
import { AppError, notFound } from '../http/problem.ts';
import { assertCan } from '../authz.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { zDate, zUuid } from '../http/validation.ts';

export interface DesignationDef {
  label: string;
  /** The law (or local rule) that gives the org this role. */
  basis: string;
  /** Kinds of org that may hold it (default: any). */
  kinds?: readonly OrgKind[];
}

export interface DesignatedOrg { id: string; name: string; path: string; validFrom: string }
/** The designation with what the case engine needs of an owner. */
export interface DesignatedOrgRow extends DesignatedOrg { regionCode: string; dissolvedOn: string | null }

/**
 * The org designated as `key` in a region on a date, as one JSON value (null when none) — a subquery, so that a caller can
 * read it together with its other reads in one statement (designatedOrg reads it alone). It carries what the case engine
 * needs of an owner (region, dissolution) besides the designation.
 */
export function designatedOrgJson(region: string, key: string, on: string): RawBuilder<DesignatedOrgRow | null> {
  return sql`(select json_build_object('id', o.id, 'name', o.name, 'path', o.path, 'validFrom', d.valid_from::text, 'regionCode', o.region_code,
      'dissolvedOn', o.dissolved_on::text)
    from org_designations d join orgs o on o.id = d.org_id
    where d.region_code = ${region} and d.designation = ${key} and d.valid_from <= ${on}::date and (d.valid_to is null or d.valid_to > ${on}::date)
    order by d.valid_from desc limit 1)`;
}

/** The org designated as `key` in a region on a date, or null. */
export async function designatedOrg(conn: Conn, region: string, key: string, on: string): Promise<DesignatedOrg | null> {
  const o = (await sql<{ o: DesignatedOrg | null }>`select ${designatedOrgJson(region, key, on)} as o`.execute(conn)).rows[0].o;
  return o ? { id: o.id, name: o.name, path: o.path, validFrom: o.validFrom } : null;
}

/**
 * For metrics: the designation of `key` in force in a region on a date, as a one-row SQL table with
 * column `org_id` (no row when none was designated) — `join ${designatedAsOf(…)} d on d.org_id = …`.
 */
export function designatedAsOf(key: string, region: string, on: string): RawBuilder<{ orgId: string }> {
  return sql<{ orgId: string }>`(select d.org_id from org_designations d where d.region_code = ${region} and d.designation = ${key}
    and d.valid_from <= ${on}::date and (d.valid_to is null or d.valid_to > ${on}::date))`;
}

/**
 * The designated org, or a 409 that tells the user what to set up (for an action that cannot proceed
 * without it). `field`: the request field the error is reported on.
 */
export async function requireDesignated(ctx: Ctx, conn: Conn, region: string, key: string, on: string, field = 'body'): Promise<DesignatedOrg> {
  const o = await designatedOrg(conn, region, key, on);
  if (o) return o;
  throw designationMissing(ctx, key, field);
}

/** An org's row as the case engine needs it of a holder (see OpenCaseDecision `owner`, `orgs[].known`). */
export interface HolderOrgRow { id: string; path: string; regionCode: string; dissolvedOn: string | null }

/**
 * requireDesignated, with the rows of other orgs a new case will be held by (the drafting unit of a legality review…) in
 * the same statement: the engine then reads no org (OpenCaseDecision `owner` and `orgs[].known`). Unknown ids have no row.
 */
export async function requireDesignatedWith(ctx: Ctx, conn: Conn, region: string, key: string, on: string, field: string, ids: readonly string[]):
  Promise<{ designated: DesignatedOrgRow; orgs: Map<string, HolderOrgRow> }> {
  const uuids = ids.filter((id) => UUID_RE.test(id));
  const r = (await sql<{ d: DesignatedOrgRow | null; orgs: HolderOrgRow[] }>`select ${designatedOrgJson(region, key, on)} as d,
    (select coalesce(json_agg(json_build_object('id', o.id, 'path', o.path, 'regionCode', o.region_code, 'dissolvedOn', o.dissolved_on::text)), '[]')
      from orgs o where o.id = any(${uuids}::uuid[])) as orgs`.execute(conn)).rows[0];
  if (!r.d) throw designationMissing(ctx, key, field);
  return { designated: r.d, orgs: new Map(r.orgs.map((o) => [o.id, o])) };
}

/** The 409 of an act that needs a designation no org holds: what to set up, on the request field `field`. */
export function designationMissing(ctx: Ctx, key: string, field = 'body'): AppError {
  const def = ctx.registry.designations.get(key);
  return new AppError('conflict', `本县尚未指定“${def?.label ?? key}”（系统管理 → 机构职能指定）`,
    { errors: [{ path: field, message: `缺少${def?.label ?? key}` }], designation: key });
}

/** Designate an org from a date (closing the current designation that day); audited. */
export async function designateInTrx(ctx: Ctx, trx: Tx, p: {
  region: string; key: string; orgId: string; validFrom: string; basis?: string; actor: { id: string | null; name: string; ip: string | null };
}): Promise<void> {
  const def = ctx.registry.designations.get(p.key);
  if (!def) throw notFound('职能');
  const org = await trx.selectFrom('orgs').select(['id', 'kind', 'dissolvedOn', 'name']).where('id', '=', p.orgId).where('regionCode', '=', p.region).executeTakeFirst();
  const errors = [];
  if (!org || org.dissolvedOn) errors.push({ path: 'body.orgId', message: '机构不存在或已撤销' });
  else if (def.kinds && !def.kinds.includes(org.kind)) errors.push({ path: 'body.orgId', message: `${def.label}应为以下类型的机构：${def.kinds.join('、')}` });
  const open = await trx.selectFrom('orgDesignations').select(['id', 'orgId', 'validFrom']).where('regionCode', '=', p.region).where('designation', '=', p.key).where('validTo', 'is', null).forUpdate().executeTakeFirst();
  if (open && String(open.validFrom) >= p.validFrom) errors.push({ path: 'body.validFrom', message: `应晚于现行指定的起始日期 ${String(open.validFrom)}` });
  if (errors.length) throw new AppError('validation_failed', '机构职能指定有误', { errors });
  const now = ctx.clock.now();
  if (open) await trx.updateTable('orgDesignations').set({ validTo: p.validFrom }).where('id', '=', open.id).execute();
  await trx.insertInto('orgDesignations').values({
    regionCode: p.region, designation: p.key, orgId: p.orgId, validFrom: p.validFrom, basis: p.basis ?? '', setBy: p.actor.id, setByName: p.actor.name, setAt: now,
  }).execute();
  await appendAuditInTrx(trx, p.actor, {
    action: 'designation.set', targetType: 'designation', targetId: p.key,
    detail: { from: open?.orgId ?? null, to: p.orgId, validFrom: p.validFrom, basis: p.basis ?? '' },
  }, now, p.region);
}

export async function designationRoutes(api: FastifyInstance, ctx: Ctx): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const region = ctx.config.defaultRegion;

  app.get('/designations', { schema: { tags: ['机构'], summary: '机构职能指定（司法局、行政审批局、12345 中心等），含历史' } }, async (req) => {
    assertCan(req.actor, 'org.view');
    const rows = await ctx.db.selectFrom('orgDesignations as d').innerJoin('orgs as o', 'o.id', 'd.orgId')
      .select(['d.designation', 'd.orgId', 'o.name as orgName', 'd.validFrom', 'd.validTo', 'd.basis', 'd.setByName', 'd.setAt'])
      .where('d.regionCode', '=', region).orderBy('d.validFrom', 'desc').execute();
    return [...ctx.registry.designations.entries()].map(([key, d]) => {
      const history = rows.filter((r) => r.designation === key).map((r) => ({
        orgId: r.orgId, orgName: r.orgName, validFrom: String(r.validFrom), validTo: r.validTo ? String(r.validTo) : null, basis: r.basis, setByName: r.setByName, setAt: r.setAt.toISOString(),
      }));
      return { key, label: d.label, basis: d.basis, kinds: d.kinds ?? null, module: d.module, current: history.find((h) => h.validTo === null) ?? null, history };
    });
  });

  app.put('/designations/:key', {
    schema: {
      tags: ['机构'], summary: '指定承担某项职能的机构（自某日起；原指定于该日终止；留痕）',
      params: z.object({ key: z.string().max(60) }),
      body: z.object({ orgId: zUuid, validFrom: zDate.optional(), basis: z.string().trim().max(300, '最多 300 个字').optional() }),
    },
  }, async (req) => {
    assertCan(req.actor, 'settings.manage');
    if (!ctx.registry.designations.has(req.params.key)) throw notFound('职能');
    const validFrom = req.body.validFrom ?? legalDateOf(ctx.clock.now());
    if (!isLegalDate(validFrom)) throw new AppError('validation_failed', '日期无效', { errors: [{ path: 'body.validFrom', message: '不是有效日期' }] });
    await ctx.db.transaction().execute((trx) => designateInTrx(ctx, trx, {
      region, key: req.params.key, orgId: req.body.orgId, validFrom, basis: req.body.basis, actor: { id: req.actor.userId, name: req.actor.name, ip: req.ip },
    }));
    const cur = await designatedOrg(ctx.db, region, req.params.key, validFrom);
    return { key: req.params.key, current: cur };
  });
}
