import { sql } from 'kysely';
import { ORG_KIND_KEYS, OrgKinds, type OrgKind } from '@yifa/contracts';
import type { Conn, Tx } from '../db/client.ts';
import { AppError, notFound } from '../http/problem.ts';

export interface NewOrg {
  code: string; kind: OrgKind; regionCode: string; creditCode?: string | null; name: string; parentId?: string | null; establishedOn: string;
}

export function orgKindFromLabel(v: string): OrgKind | undefined {
  if ((ORG_KIND_KEYS as string[]).includes(v)) return v as OrgKind;
  return (Object.entries(OrgKinds).find(([, label]) => label === v)?.[0] as OrgKind | undefined) ?? (v === '乡镇' || v === '街道' ? 'township' : v === '村' || v === '社区' ? 'village' : undefined);
}

export async function createOrgInTrx(trx: Tx, o: NewOrg): Promise<string> {
  let parentPath = '/';
  if (o.parentId) {
    const p = await trx.selectFrom('orgs').select(['path', 'dissolvedOn']).where('id', '=', o.parentId).executeTakeFirst();
    if (!p) throw new AppError('validation_failed', '上级机构不存在', { errors: [{ path: 'body.parentId', message: '上级机构不存在' }] });
    if (p.dissolvedOn) throw new AppError('validation_failed', '上级机构已撤销', { errors: [{ path: 'body.parentId', message: '上级机构已撤销' }] });
    parentPath = p.path;
  }
  const dup = await trx.selectFrom('orgs').select('id').where('code', '=', o.code).executeTakeFirst();
  if (dup) throw new AppError('validation_failed', `机构编码 ${o.code} 已存在`, { errors: [{ path: 'body.code', message: '编码已存在' }] });
  const id = (await sql<{ id: string }>`select gen_random_uuid() as id`.execute(trx)).rows[0].id;
  await trx.insertInto('orgs').values({
    id, code: o.code, kind: o.kind, regionCode: o.regionCode, creditCode: o.creditCode || null, name: o.name,
    parentId: o.parentId ?? null, path: `${parentPath}${id}/`, establishedOn: o.establishedOn,
  }).execute();
  await trx.insertInto('orgVersions').values({ orgId: id, name: o.name, parentId: o.parentId ?? null, validFrom: o.establishedOn, reason: '设立' } as never).execute();
  return id;
}

async function openVersion(trx: Tx, orgId: string) {
  const v = await trx.selectFrom('orgVersions').selectAll().where('orgId', '=', orgId).where('validTo', 'is', null).forUpdate().executeTakeFirst();
  if (!v) throw notFound('机构');
  return v;
}

/** Close the open version the day before `from` and open a new one: history is never rewritten. */
async function newVersion(trx: Tx, orgId: string, change: { name?: string; parentId?: string | null }, from: string, reason: string) {
  const v = await openVersion(trx, orgId);
  if (from <= String(v.validFrom)) {
    throw new AppError('validation_failed', `生效日期须晚于当前名称的生效日期 ${String(v.validFrom)}`, { errors: [{ path: 'body.effectiveFrom', message: `须晚于 ${String(v.validFrom)}` }] });
  }
  await sql`update org_versions set valid_to = (${from}::date - 1) where id = ${v.id}`.execute(trx);
  await trx.insertInto('orgVersions').values({
    orgId, name: change.name ?? v.name, parentId: change.parentId === undefined ? v.parentId : change.parentId, validFrom: from, reason,
  } as never).execute();
}

export async function renameOrgInTrx(trx: Tx, orgId: string, name: string, from: string, reason: string): Promise<void> {
  await newVersion(trx, orgId, { name }, from, reason);
  await trx.updateTable('orgs').set({ name }).where('id', '=', orgId).execute();
}

export async function moveOrgInTrx(trx: Tx, orgId: string, parentId: string, from: string, reason: string): Promise<void> {
  const org = await trx.selectFrom('orgs').select(['path']).where('id', '=', orgId).executeTakeFirst();
  const parent = await trx.selectFrom('orgs').select(['path', 'dissolvedOn']).where('id', '=', parentId).executeTakeFirst();
  if (!org) throw notFound('机构');
  if (!parent || parent.dissolvedOn) throw new AppError('validation_failed', '新的上级机构不存在或已撤销', { errors: [{ path: 'body.parentId', message: '上级机构无效' }] });
  if (parent.path.startsWith(org.path)) throw new AppError('validation_failed', '不能移到自身或其下级机构之下', { errors: [{ path: 'body.parentId', message: '不能移到自身或下级之下' }] });
  await newVersion(trx, orgId, { parentId }, from, reason);
  const newPath = `${parent.path}${orgId}/`;
  await sql`update orgs set path = ${newPath} || substr(path, ${org.path.length + 1}) where path like ${org.path + '%'}`.execute(trx);
  await trx.updateTable('orgs').set({ parentId }).where('id', '=', orgId).execute();
  // Grants are resolved by path at request time; nothing else to rewrite.
}

export async function dissolveOrgInTrx(trx: Tx, orgId: string, on: string, successorId: string | null, reason: string): Promise<void> {
  const v = await openVersion(trx, orgId);
  await trx.updateTable('orgVersions').set({ validTo: on, reason: v.reason }).where('id', '=', v.id).execute();
  await trx.updateTable('orgs').set({ dissolvedOn: on, successorId }).where('id', '=', orgId).execute();
  void reason;
}

/** The order orgs are listed in (and so their trees): 人民政府, 部门, 乡镇街道, 村社区, 其他, then by code. */
const KIND_ORDER = sql<number>`array_position(array['government','department','township','village','other']::text[], kind)`;

/** Orgs as they stood on a date: the name and parent in force then, in the listing order. */
export async function orgsAsOf(conn: Conn, date: string | null) {
  if (!date) {
    return conn.selectFrom('orgs').selectAll().where('dissolvedOn', 'is', null).orderBy(KIND_ORDER).orderBy('code').execute();
  }
  const rows = await sql<{ id: string; code: string; kind: string; regionCode: string; creditCode: string | null; name: string; parentId: string | null; path: string; establishedOn: string; dissolvedOn: string | null; successorId: string | null }>`
    select o.id, o.code, o.kind, o.region_code as "regionCode", o.credit_code as "creditCode", v.name, v.parent_id as "parentId",
           o.path, o.established_on::text as "establishedOn", o.dissolved_on::text as "dissolvedOn", o.successor_id as "successorId"
    from orgs o join org_versions v on v.org_id = o.id
    where v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to >= ${date}::date)
    order by ${KIND_ORDER}, o.code`.execute(conn);
  return rows.rows;
}
