/**
 * Who keeps the county's legal reference data (the 法律法规目录, the 法律顾问 roster): the 司法局 (its designated org) or the
 * county administrator, whose grant sits on a subtree that need not hold the 司法局.
 */
import { legalDateOf } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import { assertCan, scopeAllows, type Actor, type PolicyFn } from '../../platform/authz.ts';
import { designatedOrg } from '../../platform/orgs/designations.ts';

/** `permission` held over the designated 司法局 (or anywhere, when none is designated), else 403 with `detail`. */
export async function assertJusticeKeeper(ctx: Ctx, actor: Actor, permission: string, detail: string): Promise<void> {
  const sfj = await designatedOrg(ctx.db, ctx.config.defaultRegion, 'justice_bureau', legalDateOf(ctx.clock.now()));
  assertCan(actor, permission, sfj ? { orgPaths: [sfj.path] } : {}, detail);
}

/** A module policy: the county administrator (an admin grant with its subtree) holds the module's permissions everywhere. */
export const countyAdminPolicy: PolicyFn = (actor, permission, _resource, allowed) =>
  allowed || (scopeAllows(actor, permission) && actor.grants.some((g) => g.role === 'admin' && g.subtree));
