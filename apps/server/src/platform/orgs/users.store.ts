import type { Role } from '@yifa/contracts';
import { policy } from '../authz.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../http/problem.ts';
import { hashPassword, passwordProblems } from '../auth/passwords.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';

export interface NewUser {
  username: string; displayName: string; orgId: string; password: string; phone?: string | null;
  grants?: { role: Role; orgId?: string; subtree?: boolean }[];
  mustChangePassword?: boolean;
  /** The demo seed only: the published demo password is accepted (never through the API). */
  demoSeed?: boolean;
}

export async function createUserInTrx(trx: Tx, crypto: FieldCrypto, u: NewUser, grantedBy: string | null, pathPrefix = 'body'): Promise<string> {
  const username = u.username.trim().toLowerCase();
  const errors = passwordProblems(u.password, username, { allowDemo: u.demoSeed === true }).map((m) => ({ path: `${pathPrefix}.password`, message: m }));
  if (await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) errors.push({ path: `${pathPrefix}.username`, message: '用户名已存在' });
  const org = await trx.selectFrom('orgs').select('id').where('id', '=', u.orgId).where('dissolvedOn', 'is', null).executeTakeFirst();
  if (!org) errors.push({ path: `${pathPrefix}.orgId`, message: '机构不存在或已撤销' });
  for (const [i, g] of (u.grants ?? []).entries()) if (!policy.roles.has(g.role)) errors.push({ path: `${pathPrefix}.grants.${i}.role`, message: '未知角色' });
  if (errors.length) throw new AppError('validation_failed', errors.map((e) => e.message).join('；'), { errors });
  const row = await trx.insertInto('users').values({
    username, displayName: u.displayName, orgId: u.orgId, phoneEnc: crypto.encryptOpt(u.phone), passwordHash: await hashPassword(u.password),
    mustChangePassword: u.mustChangePassword ?? false,
  }).returning('id').executeTakeFirstOrThrow();
  for (const g of u.grants ?? []) {
    await trx.insertInto('roleGrants').values({ userId: row.id, role: g.role, orgId: g.orgId ?? u.orgId, subtree: g.subtree ?? false, grantedBy }).execute();
  }
  return row.id;
}
