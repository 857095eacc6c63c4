/**
 * Factories for the records most tests need (issue 9 item 10): orgs by code, people with given grants, valid inputs of
 * the common case types, opening a case and acting on it with the status checked. Everything goes through the API (the
 * one shortcut: a factory-made person skips the first-login password change, which test/api/hardening.test.ts covers).
 * A module's own factories live next to its tests; these are the ones several modules share.
 */
import { expect } from 'vitest';
import type { Session, TestEnv } from './harness.ts';

export const FACTORY_PASSWORD = 'Factory#Pass2026x';

/** The demo county's org ids by their short code ('scjgj', 'cgz', …: the part after '990101-'). */
export async function orgIds(env: TestEnv): Promise<Record<string, string>> {
  const rows = (await env.ownerSql(`select id, code from orgs`)).rows as { id: string; code: string }[];
  return Object.fromEntries(rows.map((r) => [r.code.replace(/^\d+-/, ''), r.id]));
}

/** A person with these grants (their home org: the first grant's), logged in. `admin` must hold user.manage. */
export async function createUser(env: TestEnv, admin: Session,
  p: { username: string; displayName?: string; grants: { role: string; orgId: string; subtree?: boolean }[] }): Promise<Session> {
  const r = await admin.post('/api/v1/users', {
    username: p.username, displayName: p.displayName ?? p.username, orgId: p.grants[0].orgId, password: FACTORY_PASSWORD,
    grants: p.grants.map((g) => ({ role: g.role, orgId: g.orgId, subtree: g.subtree ?? false })),
  });
  expect(r.statusCode, r.body).toBe(201);
  await env.ownerSql(`update users set must_change_password = false where username = $1`, [p.username]);
  return env.login(p.username, FACTORY_PASSWORD);
}

/** Valid inputs of the shared case types, with overrides. */
export const inputs = {
  disclosureRequest: (orgId: string, over: Record<string, unknown> = {}) => ({
    orgId, channel: 'post_signed', applicantKind: 'natural', parties: { applicant: { name: '王五', idNo: '110101198001012222', phone: '13900000001' } },
    description: '2025年本机关行政许可实施情况', format: '电子', via: '电子邮件', ...over,
  }),
  hotlineTicket: (townshipId: string, over: Record<string, unknown> = {}) => ({
    channel: 'phone', ticketType: '投诉', categoryCode: '01.02', description: '城关镇某超市标价与结账价格不一致，多收了十元。', townshipId,
    parties: { name: '王五', phone: '13912345678' }, ...over,
  }),
  approval: (service: { id: string; materials: { name: string }[] }, over: Record<string, unknown> = {}) => ({
    serviceId: service.id, channel: 'window', applicantKind: 'person', applicantName: '钱多多', applicantPhone: '13812345678',
    materials: service.materials.map((m) => m.name), ...over,
  }),
};

/** Open a case (201 expected); returns its view. `occurredAt`: a receipt recorded later. */
export async function openCase(s: Session, type: string, input: Record<string, unknown>,
  occurredAt?: string): Promise<{ id: string; number: string; [k: string]: unknown }> {
  const r = await s.post('/api/v1/cases', { type, input, ...(occurredAt ? { occurredAt } : {}) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** Take an action (200 expected); returns the case view. */
export async function act(s: Session, caseId: string, action: string, input: Record<string, unknown> = {}, occurredAt?: string): Promise<Record<string,
  unknown>> {
  const r = await s.post(`/api/v1/cases/${caseId}/actions`, { action, input, ...(occurredAt ? { occurredAt } : {}) });
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  return r.json();
}
