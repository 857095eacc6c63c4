/**
 * The service catalogue as other modules read it (approvals): the only way into powers_* tables
 * from outside this module — current rows for intake, and the 权责清单 / 政务服务事项 as of a date
 * for metrics. Also the one writer of service item versions.
 */
import { sql, type RawBuilder } from 'kysely';
import { endOfLegalDate, type LegalDate } from '@yifa/contracts';
import type { Conn, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz.ts';
import type { MetricScope } from '../../platform/metrics/registry.ts';
import { orgScope } from '../../platform/metrics/kit.ts';
import { latestAdjustmentsAsOf } from './store.ts';

/** A service item with the status of the power it derives from (清单之外无审批). */
export function listedService(conn: Conn, serviceId: string, region: string) {
  return conn.selectFrom('powersServices as s').innerJoin('powersItems as p', 'p.id', 's.powerId')
    .select(['s.id', 's.code', 's.name', 's.orgId', 's.statutoryDays', 's.promisedDays', 's.instant', 's.materials', 's.online', 's.status', 's.jointMode',
      's.statutoryUnit', 's.statutoryBasis', 's.preReview', 'p.status as powerStatus', 'p.code as powerCode', 'p.type as powerType'])
    .where('s.id', '=', serviceId).where('s.regionCode', '=', region).executeTakeFirst();
}

/** Materials and status of some service items. */
export function servicesByIds(conn: Conn, ids: string[]) {
  return conn.selectFrom('powersServices').select(['id', 'code', 'materials', 'status']).where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']).execute();
}

/** The region's service items, for pickers and scenario listings. */
export function servicesOfRegion(conn: Conn, region: string) {
  return conn.selectFrom('powersServices').select(['id', 'code', 'name', 'promisedDays', 'statutoryDays', 'materials', 'jointMode']).where('regionCode', '=', region).execute();
}

/**
 * Record the service item's row as it now stands (after a create, edit or status change), closing the
 * previous version; call it in the transaction of the change. The whole row is kept (to_jsonb), so a
 * column added to powers_services is captured without changing this code.
 */
export async function recordServiceVersionInTrx(trx: Tx, serviceId: string, change: 'create' | 'update', actor: Actor, now: Date): Promise<void> {
  await trx.updateTable('powersServiceVersions').set({ validTo: now }).where('serviceId', '=', serviceId).where('validTo', 'is', null).execute();
  await sql`insert into powers_service_versions (service_id, region_code, valid_from, data, change, changed_by, changed_by_name)
    select s.id, s.region_code, ${now}, to_jsonb(s), ${change}, ${actor.userId}, ${actor.name} from powers_services s where s.id = ${serviceId}`.execute(trx);
}

/**
 * The 权责清单 as of a date (store.ts latestAdjustmentsAsOf, the rule of `listAsOf`) as a derived table with the
 * columns of powers_items. Abolished items keep their row with status 'abolished'; callers filter on status.
 */
export function itemsAsOfTable(region: string, on: LegalDate): RawBuilder<unknown> {
  return sql`(
    select l.item_id as id, l.region_code, l.after->>'code' as code, l.after->>'name' as name, l.after->>'type' as type,
      (l.after->>'orgId')::uuid as org_id, l.after->>'level' as level, l.after->>'townshipKind' as township_kind, l.after->>'status' as status,
      coalesce((l.after->>'delegable')::boolean, false) as delegable, (l.after->>'delegatedOn')::date as delegated_on,
      (l.after->>'delegatedUntil')::date as delegated_until,
      coalesce(l.after->'delegatedTo', '[]'::jsonb) as delegated_to
    from ${latestAdjustmentsAsOf(region, on)} l
  )`;
}

/** The 政务服务事项 as they stood at an instant (the version in force), with the columns of powers_services. */
export function servicesAtTable(region: string, at: Date): RawBuilder<unknown> {
  return sql`(
    select v.service_id as id, v.region_code, v.data->>'code' as code, v.data->>'name' as name, (v.data->>'power_id')::uuid as power_id,
      (v.data->>'org_id')::uuid as org_id, (v.data->>'statutory_days')::int as statutory_days, (v.data->>'promised_days')::int as promised_days,
      (v.data->>'instant')::boolean as instant, v.data->'materials' as materials, (v.data->>'baseline_materials')::int as baseline_materials,
      v.data->>'status' as status, v.valid_from
    from powers_service_versions v
    where v.region_code = ${region} and v.valid_from <= ${at} and (v.valid_to is null or v.valid_to > ${at})
  )`;
}

/**
 * Metric source: service items in service at the end of the period (`s`), derived from a power in force on
 * that date (`p`, 清单之外无审批), with the handling org (`o`), within the org scope. Later edits never move a
 * closed period's figure.
 */
export function servicesAsOf(scope: MetricScope): RawBuilder<unknown> {
  return sql`from ${servicesAtTable(scope.region, endOfLegalDate(scope.to))} s
    join ${itemsAsOfTable(scope.region, scope.to)} p on p.id = s.power_id join orgs o on o.id = s.org_id
    where s.status = 'active' and p.status = 'active' ${orgScope(scope, 's.org_id')}`;
}
