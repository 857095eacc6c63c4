import { sql } from 'kysely';
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

/**
 * A user with their grants, in one query (this runs on every authenticated request).
 * Null when the user does not exist or is disabled.
 */
export async function userActor(conn: Conn, userId: string, ip: string | null, extra: Partial<Actor> = {}): Promise<Actor | null> {
  const rows = await sql<{
    id: string; displayName: string; orgId: string; status: string; mustChange: boolean;
    role: Role | null; grantOrgId: string | null; path: string | null; subtree: boolean | null;
  }>`
    select u.id, u.display_name as "displayName", u.org_id as "orgId", u.status, u.must_change_password as "mustChange",
           g.role, g.org_id as "grantOrgId", o.path, g.subtree
    from users u
    left join role_grants g on g.user_id = u.id and g.revoked_at is null
    left join orgs o on o.id = g.org_id and o.dissolved_on is null
    where u.id = ${userId}`.execute(conn);
  const u = rows.rows[0];
  if (!u || u.status !== 'active') return null;
  const grants: Grant[] = rows.rows
    .filter((r) => r.role && r.path && r.grantOrgId)
    .map((r) => ({ role: r.role as Role, orgId: r.grantOrgId as string, orgPath: r.path as string, subtree: !!r.subtree }));
  return { kind: 'user', userId: u.id, name: u.displayName, orgId: u.orgId, grants, ip, ...(u.mustChange ? { mustChangePassword: true } : {}), ...extra };
}
