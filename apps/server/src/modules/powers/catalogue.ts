/**
 * The service catalogue as other modules read it (approvals): the only way into powers_* tables
 * from outside this module.
 */
import type { Conn } from '../../platform/db/client.ts';

/** A service item with the status of the power it derives from (清单之外无审批). */
export function listedService(conn: Conn, serviceId: string, region: string) {
  return conn.selectFrom('powersServices as s').innerJoin('powersItems as p', 'p.id', 's.powerId')
    .select(['s.id', 's.code', 's.name', 's.orgId', 's.statutoryDays', 's.promisedDays', 's.instant', 's.materials', 's.online', 's.status', 'p.status as powerStatus', 'p.code as powerCode', 'p.type as powerType'])
    .where('s.id', '=', serviceId).where('s.regionCode', '=', region).executeTakeFirst();
}

/** Materials and status of some service items. */
export function servicesByIds(conn: Conn, ids: string[]) {
  return conn.selectFrom('powersServices').select(['id', 'code', 'materials', 'status']).where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']).execute();
}

/** The region's service items, for pickers and scenario listings. */
export function servicesOfRegion(conn: Conn, region: string) {
  return conn.selectFrom('powersServices').select(['id', 'code', 'name', 'promisedDays', 'statutoryDays', 'materials']).where('regionCode', '=', region).execute();
}
