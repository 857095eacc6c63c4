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
  // the one who acted is not told about their own act (a reviewer who also registered it)
  const holders = a.alert.role ? (await roleHoldersOver(trx, a.alert.role, orgIds)).filter((u) => u !== a.actorId) : [];
  // no one holds the role there (a unit whose posts are not set up yet): the unit is told, so the alert is not lost
  if (!holders.length) {
    for (const orgId of orgIds) await notifyInTrx(trx, { ...message, orgId, dedupeKey: `alert:${a.caseId}:${a.seq}:${orgId}` });
    return;
  }
  for (const userId of holders) {
    await notifyInTrx(trx, { ...message, userId, dedupeKey: `alert:${a.caseId}:${a.seq}:u:${userId}` });
  }
}

/** Active users holding `role` over any of these orgs: a grant on the org, or a subtree grant on an org above it. */
export async function roleHoldersOver(trx: Tx, role: string, orgIds: string[]): Promise<string[]> {
  const rows = await trx.selectFrom('roleGrants as g')
    .innerJoin('orgs as go', 'go.id', 'g.orgId')
    .innerJoin('users as u', 'u.id', 'g.userId')
    .innerJoin('orgs as target', (j) => j.on('target.id', 'in', orgIds))
    .select('g.userId').distinct()
    .where('g.role', '=', role).where('g.revokedAt', 'is', null).where('u.status', '=', 'active')
    .where((eb) => eb.or([
      eb('go.id', '=', eb.ref('target.id')),
      eb.and([eb('g.subtree', '=', true), eb(sql`starts_with(target.path, go.path)`, '=', true)]),
    ]))
    .orderBy('g.userId')
    .execute();
  return rows.map((r) => r.userId);
}
