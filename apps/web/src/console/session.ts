import { createContext, useContext } from 'react';
import { api, setCsrfToken } from '../lib/api.ts';
import type { Ability } from '../modules/types.ts';

export interface Grant { role: string; roleLabel?: string; orgId: string; orgName?: string; subtree?: boolean }
export interface SessionUser {
  id: string; username: string; displayName: string; grants: Grant[];
  /** The permission keys the user holds on some org (GET /api/v1/auth/session): what the console offers. */
  abilities: string[];
  /** Today's legal (Beijing) date on the server's clock: the default for date fields, never the browser's clock. */
  today: string;
  mustChangePassword: boolean;
}

/** Read the session answer of /auth/session or /auth/login. */
export function parseSession(s: Record<string, unknown>): SessionUser | null {
  const u = (s.user ?? s) as Record<string, unknown>;
  if (!u || (!u.id && !u.username)) return null;
  if (typeof s.csrfToken === 'string') setCsrfToken(s.csrfToken);
  return {
    id: String(u.id ?? ''), username: String(u.username ?? ''),
    displayName: String(u.displayName ?? u.name ?? u.username ?? ''),
    grants: (Array.isArray(s.grants) ? s.grants : []) as Grant[],
    abilities: Array.isArray(s.abilities) ? (s.abilities as string[]) : [],
    today: typeof s.today === 'string' ? s.today : '',
    mustChangePassword: u.mustChangePassword === true,
  };
}

export async function loadSession(): Promise<SessionUser | null> {
  const s = await api.get<Record<string, unknown>>('/api/v1/auth/session');
  return parseSession(s ?? {});
}

/** Does a user with these abilities hold the ability (any of several)? No ability asked: yes. */
export function holds(abilities: readonly string[], ability: Ability | undefined): boolean {
  if (!ability) return true;
  return (typeof ability === 'string' ? [ability] : ability).some((a) => abilities.includes(a));
}

export interface SessionCtx {
  user: SessionUser;
  /** Menus and buttons only: the server decides every request. */
  can: (ability: Ability | undefined) => boolean;
}
export const SessionContext = createContext<SessionCtx | null>(null);
export function useSession(): SessionCtx {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}
/** `useAbility('hotline.intake')`: may the user be offered this? */
export function useAbility(ability: Ability): boolean {
  return useSession().can(ability);
}
/** Today's legal date (Beijing) from the server. */
export function useToday(): string {
  return useSession().user.today;
}
