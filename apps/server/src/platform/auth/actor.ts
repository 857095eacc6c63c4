import type { Role } from '@yifa/contracts';
import type { Conn } from '../db/client.ts';
import type { Actor, Grant } from '../authz.ts';

/** Load a user's active grants with the org paths they cover. */
export async function loadGrants(conn: Conn, userId: string): Promise<Grant[]> {
  const rows = await conn.selectFrom('roleGrants').innerJoin('orgs', 'orgs.id', 'roleGrants.orgId')
    .select(['roleGrants.role', 'roleGrants.orgId', 'orgs.path', 'roleGrants.subtree'])
    .where('roleGrants.userId', '=', userId).where('roleGrants.revokedAt', 'is', null).where('orgs.dissolvedOn', 'is', null).execute();
  return rows.map((r) => ({ role: r.role as Role, orgId: r.orgId, orgPath: r.path, subtree: r.subtree }));
}

export async function userActor(conn: Conn, userId: string, ip: string | null, extra: Partial<Actor> = {}): Promise<Actor | null> {
  const u = await conn.selectFrom('users').select(['id', 'displayName', 'orgId', 'status']).where('id', '=', userId).executeTakeFirst();
  if (!u || u.status !== 'active') return null;
  return { kind: 'user', userId: u.id, name: u.displayName, orgId: u.orgId, grants: await loadGrants(conn, u.id), ip, ...extra };
}
