/**
 * Staff alerts (issue 11): the in-app notices a workflow declares on an act (`ActionDef.alert`) for the staff who must act
 * next — 派单 to the unit, 退单 to the centre, 督办, approvals waiting. Written by the engine in the act's transaction,
 * addressed to orgs (every member with notification.view sees it in the console's inbox), one per event and org; none
 * inside withoutNotices (a historical import).
 */
import type { StaffAlert } from '@yifa/contracts';
import type { Tx } from '../db/client.ts';
import { notifyInTrx } from './outbox.ts';
import { noticesSuppressed } from './notices.ts';

export async function writeStaffAlertInTrx(trx: Tx, a: {
  alert: StaffAlert; caseId: string; number: string; title: string; ownerOrgId: string; seq: number; actorName: string; at: Date;
}): Promise<void> {
  if (noticesSuppressed()) return; // a historical import: the units handled these acts long ago
  let orgIds = [a.ownerOrgId];
  if (a.alert.to === 'lead') {
    const leads = await trx.selectFrom('caseOrgs').select('orgId').where('caseId', '=', a.caseId).where('role', '=', 'lead')
      .where('until', 'is', null).execute();
    if (leads.length) orgIds = leads.map((l) => l.orgId);
  }
  for (const orgId of orgIds) {
    await notifyInTrx(trx, {
      orgId, title: `${a.alert.title} ${a.number}`, body: `${a.title}（${a.actorName}）`, caseId: a.caseId,
      dedupeKey: `alert:${a.caseId}:${a.seq}:${orgId}`, at: a.at,
    });
  }
}
