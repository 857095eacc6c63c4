/**
 * Staff alerts (issue 11): the in-app notices a workflow declares on an act (`ActionDef.alert`, `create.alert`) for the
 * staff who must act next — 派单 to the unit, 退单 to the centre, 督办, approvals waiting. Written by the engine in the act's
 * transaction, one per event and recipient; none inside withoutNotices (a historical import).
 *
 * Without a role the alert is the unit's (every member with notification.view sees it in the console's inbox and marks it
 * read for themselves: notification_reads). With a role it goes to each user holding that role over the unit — a grant
 * on it, or a subtree grant on an org above it — so the 法制审核 reviewer or the supervisor who rules on an appeal is told
 * even when they sit in another office than the handler. If no one holds the role there, the unit is told instead.
 */
import { sql, type Expression, type OperationNodeSource } from 'kysely';
import type { StaffAlert } from '@yifa/contracts';
import type { Tx } from '../db/client.ts';
import { writeTogether } from '../db/last-writes.ts';
import { noticesSuppressed } from './notices.ts';

export interface StaffAlertInput {
  alert: StaffAlert; caseId: string; number: string; title: string; ownerOrgId: string; seq: number; actorName: string; actorId: string | null; at: Date;
  /** For `to: 'lead'`, the lead units when the caller knows them (a new case: its holders are written in the same statement). */
  leads?: readonly string[];
}

/** Write a staff alert now (one statement). */
export async function writeStaffAlertInTrx(trx: Tx, a: StaffAlertInput): Promise<void> {
  const w = staffAlertWrite(trx, a);
  if (w) await writeTogether(trx, [w]);
}

/**
 * A staff alert as one write, to send with another statement (none inside withoutNotices: a historical import — the units
 * handled these acts long ago). The unit(s): the owner, or for `to: 'lead'` the lead units (given, or the case's current
 * lead holders, else the owner). With a role, a notice to each holder of the role over them but the one who acted (a
 * reviewer who registered it); if no one holds it there, or without a role, one notice to each unit.
 */
export function staffAlertWrite(trx: Tx, a: StaffAlertInput): OperationNodeSource | null {
  if (noticesSuppressed()) return null;
  const owner = sql<string[]>`array[${a.ownerOrgId}::uuid]`;
  const units: Expression<string[]> = a.alert.to !== 'lead' ? owner
    : a.leads ? (a.leads.length ? sql<string[]>`${[...a.leads]}::uuid[]` : owner)
    : sql<string[]>`coalesce((select array_agg(co.org_id) from case_orgs co
        where co.case_id = ${a.caseId} and co.role = 'lead' and co.until is null), ${owner})`;
  const title = `${a.alert.title} ${a.number}`;
  const body = `${a.title}（${a.actorName}）`;
  const holders = a.alert.role ? holdersOver(trx, a.alert.role, units, a.actorId).select('g.userId').distinct() : null;
  const recipients = sql`${holders ? sql`select h.user_id, null::uuid as org_id, ${`alert:${a.caseId}:${a.seq}:u:`}::text || h.user_id::text as key
      from (${holders}) h union all ` : sql``}select null::uuid, u.id, ${`alert:${a.caseId}:${a.seq}:`}::text || u.id::text
      from unnest(${units}) u(id) ${holders ? sql`where not exists (${holders})` : sql``}`;
  return sql`insert into notifications (user_id, org_id, channel, title, body, case_id, dedupe_key, created_at)
    select r.user_id, r.org_id, 'inapp', ${title}, ${body}, ${a.caseId}::uuid, r.key, ${a.at}::timestamptz from (${recipients}) r(user_id, org_id, key)
    on conflict (dedupe_key) do nothing`;
}

/** The grants of `role` over any of these orgs (on the org, or a subtree grant above it) of active users other than `except`. */
function holdersOver(trx: Tx, role: string, orgIds: Expression<string[]>, except: string | null) {
  return trx.selectFrom('roleGrants as g')
    .innerJoin('orgs as go', 'go.id', 'g.orgId')
    .innerJoin('users as u', 'u.id', 'g.userId')
    .innerJoin('orgs as target', (j) => j.on(sql<boolean>`target.id = any(${orgIds})`))
    .where('g.role', '=', role).where('g.revokedAt', 'is', null).where('u.status', '=', 'active')
    .$if(except !== null, (q) => q.where('g.userId', '!=', except!))
    .where((eb) => eb.or([
      eb('go.id', '=', eb.ref('target.id')),
      eb.and([eb('g.subtree', '=', true), eb(sql`starts_with(target.path, go.path)`, '=', true)]),
    ]));
}
