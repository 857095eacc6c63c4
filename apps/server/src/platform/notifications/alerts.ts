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
import { sql } from 'kysely';
import type { StaffAlert } from '@yifa/contracts';
import type { Tx } from '../db/client.ts';
import { notifyInTrx } from './outbox.ts';
import { noticesSuppressed } from './notices.ts';

export async function writeStaffAlertInTrx(trx: Tx, a: {
  alert: StaffAlert; caseId: string; number: string; title: string; ownerOrgId: string; seq: number; actorName: string; actorId: string | null; at: Date;
}): Promise<void> {
  if (noticesSuppressed()) return; // a historical import: the units handled these acts long ago
  let orgIds = [a.ownerOrgId];
  if (a.alert.to === 'lead') {
    const leads = await trx.selectFrom('caseOrgs').select('orgId').where('caseId', '=', a.caseId).where('role', '=', 'lead')
      .where('until', 'is', null).execute();
    if (leads.length) orgIds = leads.map((l) => l.orgId);
  }
  const message = { title: `${a.alert.title} ${a.number}`, body: `${a.title}（${a.actorName}）`, caseId: a.caseId, at: a.at };
  if (a.alert.role) {
    // one statement: a notice to each holder of the role over the unit(s), but the one who acted (a reviewer who registered it)
    const told = await trx.insertInto('notifications')
      .columns(['userId', 'channel', 'title', 'body', 'caseId', 'dedupeKey', 'createdAt'])
      .expression(holdersOver(trx, a.alert.role, orgIds, a.actorId).select([
        'g.userId', sql<string>`'inapp'::text`.as('channel'), sql<string>`${message.title}::text`.as('title'), sql<string>`${message.body}::text`.as('body'),
        sql<string>`${a.caseId}::uuid`.as('caseId'), sql<string>`${`alert:${a.caseId}:${a.seq}:u:`}::text || g.user_id::text`.as('dedupeKey'),
        sql<Date>`${a.at}::timestamptz`.as('createdAt'),
      ] as const).distinct())
      .onConflict((oc) => oc.column('dedupeKey').doNothing()).executeTakeFirst();
    if (Number(told.numInsertedOrUpdatedRows ?? 0) > 0) return;
    // no one holds the role there (a unit whose posts are not set up yet): the unit is told, so the alert is not lost
  }
  for (const orgId of orgIds) await notifyInTrx(trx, { ...message, orgId, dedupeKey: `alert:${a.caseId}:${a.seq}:${orgId}` });
}

/** The grants of `role` over any of these orgs (on the org, or a subtree grant above it) of active users other than `except`. */
function holdersOver(trx: Tx, role: string, orgIds: string[], except: string | null) {
  return trx.selectFrom('roleGrants as g')
    .innerJoin('orgs as go', 'go.id', 'g.orgId')
    .innerJoin('users as u', 'u.id', 'g.userId')
    .innerJoin('orgs as target', (j) => j.on('target.id', 'in', orgIds))
    .where('g.role', '=', role).where('g.revokedAt', 'is', null).where('u.status', '=', 'active')
    .$if(except !== null, (q) => q.where('g.userId', '!=', except!))
    .where((eb) => eb.or([
      eb('go.id', '=', eb.ref('target.id')),
      eb.and([eb('g.subtree', '=', true), eb(sql`starts_with(target.path, go.path)`, '=', true)]),
    ]));
}
