import { createContext, useContext } from 'react';
import { api, setCsrfToken } from '../lib/api.ts';

export interface Grant { id?: string; role: string; orgId: string; orgName?: string; subtree?: boolean }
export interface SessionUser { id: string; username: string; displayName: string; grants: Grant[]; roles: string[]; mustChangePassword: boolean }

/** Read the session tolerantly: the user may be at the top level or under `user`. */
export function parseSession(s: Record<string, unknown>): SessionUser | null {
  const u = (s.user ?? s) as Record<string, unknown>;
  if (!u || (!u.id && !u.username)) return null;
  if (typeof s.csrfToken === 'string') setCsrfToken(s.csrfToken);
  const grants = (Array.isArray(u.grants) ? u.grants : Array.isArray(s.grants) ? s.grants : []) as Grant[];
  const roles = Array.isArray(u.roles) ? (u.roles as string[]) : [...new Set(grants.map((g) => g.role))];
  return {
    id: String(u.id ?? ''), username: String(u.username ?? ''),
    displayName: String(u.displayName ?? u.name ?? u.username ?? ''), grants, roles,
    mustChangePassword: u.mustChangePassword === true,
  };
}

export async function loadSession(): Promise<SessionUser | null> {
  const s = await api.get<Record<string, unknown>>('/api/v1/auth/session');
  return parseSession(s ?? {});
}

export interface SessionCtx {
  user: SessionUser;
  /** Does the user hold this role anywhere? (Menus only; the server decides every request.) */
  hasRole: (...roles: string[]) => boolean;
}
export const SessionContext = createContext<SessionCtx | null>(null);
export function useSession(): SessionCtx {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}
