/**
 * Templates a county edits (versions with their editor, like module settings) and issuing a 文书 on a case:
 * one transaction takes the next 文号 from the kind's counter for the org and year, fills the template from
 * the case (the addressee decrypted here only, the reveal audited), lays it out as a 公文 DOCX, stores it with
 * its SM3 and writes the document row and the audit record. A failed issue rolls the counter back: no gaps.
 */
import { sql } from 'kysely';
import { fillTemplate, legalDateOf, renderDocNo, TemplateFillError, type DocTemplate, type FieldError } from '@yifa/contracts';
import { templateProblems } from '@yifa/contracts';
import type { Conn, Tx } from '../db/client.ts';
import type { Ctx } from '../context.ts';
import { can, policy, rolesOver, assertCan, type Actor } from '../authz.ts';
import { AppError, notFound } from '../http/problem.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { caseClocks } from '../time/ledger-store.ts';
import { orgPathsOfCase } from '../cases/case-queries.ts';
import { storeFileInTrx } from '../files/store.ts';
import { dateZh, gongwenDocx, templateBlocks } from './gongwen.ts';
import { placeholdersOfKind, type DocumentDef, type DocumentEvent, type DocumentFacts } from './types.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export type KindDef = DocumentDef & { module: string; moduleLabel: string };
export interface CountyTemplate extends DocTemplate { docNoByOrg: Record<string, string> }
export interface TemplateVersion {
  template: CountyTemplate; version: number; source: 'default' | 'county'; setAt: Date | null; setByName: string | null; reason: string | null;
}

export function kindOf(ctx: Ctx, kind: string): KindDef {
  const d = ctx.registry.documents.get(kind);
  if (!d) throw notFound('文书种类');
  return d;
}

/** The template of a kind in force (the county's latest version, else the module's default). */
export async function readTemplate(conn: Conn, region: string, def: DocumentDef): Promise<TemplateVersion> {
  const r = await conn.selectFrom('documentTemplates').selectAll().where('regionCode', '=', region).where('kind', '=', def.kind)
    .orderBy('version', 'desc').executeTakeFirst();
  if (!r) return { template: { ...def.template, docNoByOrg: {} }, version: 0, source: 'default', setAt: null, setByName: null, reason: null };
  return {
    template: { title: r.title, docNo: r.docNo, body: r.body, docNoByOrg: r.docNoByOrg }, version: r.version, source: 'county',
    setAt: r.setAt, setByName: r.setByName, reason: r.reason,
  };
}

export const ruleFor = (t: CountyTemplate, orgId: string) => t.docNoByOrg[orgId] ?? t.docNo;

/**
 * What is wrong with a template a county saves, each on its field (`body.title`, `body.docNoByOrg.<org>` …): unknown
 * placeholders, bad 文号 rules, and a rule that another kind already uses for the same org (their numbers would collide).
 */
export async function templateSaveProblems(ctx: Ctx, conn: Conn, region: string, def: KindDef, t: CountyTemplate): Promise<FieldError[]> {
  const errors: FieldError[] = templateProblems(t, placeholdersOfKind(def)).map((p) => ({ path: `body.${p.path}`, message: p.message }));
  const orgIds = Object.keys(t.docNoByOrg);
  const known = orgIds.length ? await conn.selectFrom('orgs').select('id').where('id', 'in', orgIds).where('regionCode', '=', region).execute() : [];
  for (const [orgId, rule] of Object.entries(t.docNoByOrg)) {
    const path = `body.docNoByOrg.${orgId}`;
    if (!known.some((o) => o.id === orgId)) errors.push({ path, message: '机构不存在' });
    const p = templateProblems({ ...t, docNo: rule }, placeholdersOfKind(def)).find((x) => x.path === 'docNo');
    if (p) errors.push({ path, message: p.message });
  }
  // Two kinds with one rule in one org would hand out the same 文号 twice.
  for (const other of ctx.registry.documents.values()) {
    if (other.kind === def.kind) continue;
    const o = (await readTemplate(conn, region, other)).template;
    const clash = (a: string, b: string) => a.trim() === b.trim();
    if (clash(o.docNo, t.docNo)) errors.push({ path: 'body.docNo', message: `与"${other.label}"的文号规则相同，两类文书会编出相同的文号：请用不同的代字` });
    for (const [orgId, rule] of Object.entries(t.docNoByOrg)) {
      if (clash(ruleFor(o, orgId), rule)) errors.push({ path: `body.docNoByOrg.${orgId}`, message: `与该机构"${other.label}"的文号规则相同：请用不同的代字` });
    }
  }
  return errors;
}

type StepDef = { roles?: readonly string[]; permission?: string };
function stepDefs(ctx: Ctx, def: DocumentDef): StepDef[] {
  const w = ctx.registry.workflow(def.caseType);
  return Object.values(w?.transitions ?? {}).flatMap((s) => Object.entries(s ?? {})).filter(([name]) => def.after.includes(name)).map(([, a]) => a as StepDef);
}

/** The roles that may issue a kind: declared, or those who may take its steps. */
export function issuerRoles(ctx: Ctx, def: DocumentDef): string[] {
  if (def.roles) return [...def.roles];
  return [...new Set(stepDefs(ctx, def).flatMap((a) => [...(a.roles ?? [])]))];
}

export const stepLabels = (ctx: Ctx, def: DocumentDef) => {
  const w = ctx.registry.workflow(def.caseType);
  const label = (a: string) => Object.values(w?.transitions ?? {})
    .map((s) => (s as Record<string, { label: string }> | undefined)?.[a]?.label).find(Boolean) ?? a;
  return def.after.map(label);
};

export type CaseRow = DocumentFacts['case'];

export async function eventsOf(conn: Conn, caseId: string): Promise<DocumentEvent[]> {
  const rows = await conn.selectFrom('caseEvents').select(['seq', 'action', 'input', 'occurredAt', 'actorName', 'actorOrgId'])
    .where('caseId', '=', caseId).orderBy('seq').execute();
  return rows.map((e) => ({ ...e, input: e.input as Record<string, unknown> }));
}

/** Why a kind cannot be issued on a case now (null = it can): the step not taken yet, or already issued for that step. */
export function blockedBy(ctx: Ctx, def: DocumentDef, events: DocumentEvent[], issued: { kind: string; eventSeq: number; number: string }[]) {
  const step = [...events].reverse().find((e) => def.after.includes(e.action));
  if (!step) {
    const steps = stepLabels(ctx, def).map((s) => `"${s}"`).join('或');
    return { step: null, reason: `须在${steps}之后出具${def.label}：该案件尚未进行这一步骤`, code: 'transition_not_allowed' as const };
  }
  const done = issued.find((d) => d.kind === def.kind && d.eventSeq === step.seq);
  if (done) return { step, reason: `该步骤的${def.label}已出具（${done.number}）：如需再次打印，请补打`, code: 'conflict' as const };
  return { step, reason: null, code: null };
}

export async function visibleCase(conn: Conn, actor: Actor, caseId: string, lock = false): Promise<{ c: CaseRow; orgPaths: string[] }> {
  let q = conn.selectFrom('cases').select(['id', 'type', 'number', 'title', 'regionCode', 'orgId', 'state', 'filedOn', 'data']).where('id', '=', caseId);
  if (lock) q = q.forUpdate();
  const c = await q.executeTakeFirst();
  if (!c) throw notFound('案件');
  const orgPaths = await orgPathsOfCase(conn, c.id);
  if (!can(actor, 'case.view', { orgPaths })) throw notFound('案件');
  return { c: { ...c, filedOn: String(c.filedOn), data: c.data as Record<string, unknown> }, orgPaths };
}

export async function issuedOf(conn: Conn, caseId: string) {
  return conn.selectFrom('caseDocuments as d').innerJoin('files as f', 'f.id', 'd.fileId')
    .select(['d.id', 'd.kind', 'd.title', 'd.number', 'd.eventSeq', 'd.issuedAt', 'd.issuedByName', 'd.sm3', 'd.fileId', 'd.templateVersion', 'd.orgId'])
    .select(['f.size', 'f.filename'])
    .select((eb) => eb.selectFrom('caseDocumentPrints as p').select(eb.fn.countAll<number>().as('n')).whereRef('p.documentId', '=', 'd.id').as('prints'))
    .where('d.caseId', '=', caseId).orderBy('d.issuedAt').orderBy('d.eventSeq').orderBy('d.kind').execute();
}

export function mayIssue(ctx: Ctx, actor: Actor, def: DocumentDef, orgPaths: string[]): boolean {
  if (!can(actor, 'documents.issue', { orgPaths })) return false;
  const held = rolesOver(actor, { orgPaths });
  if (issuerRoles(ctx, def).some((r) => held.has(r))) return true;
  // A step that a declared permission decides (instead of roles): whoever may take it may issue its document.
  return !def.roles && stepDefs(ctx, def).some((a) => a.permission && can(actor, a.permission, { orgPaths }));
}

/** Issue a document of a kind on a case, in the caller's transaction. */
export async function issueInTrx(ctx: Ctx, trx: Tx, caseId: string, kind: string, actor: Actor) {
  const { c, orgPaths } = await visibleCase(trx, actor, caseId, true);
  const def = ctx.registry.documents.get(kind);
  if (!def || def.caseType !== c.type) throw notFound(`该类案件的文书"${kind}"`);
  assertCan(actor, 'documents.issue', { orgPaths });
  if (!mayIssue(ctx, actor, def, orgPaths)) {
    const roles = issuerRoles(ctx, def).map((r) => policy.roles.get(r)?.label ?? r).join('、');
    throw new AppError('forbidden', `${def.label}由以下岗位出具：${roles}`);
  }
  const events = await eventsOf(trx, c.id);
  const already = await issuedOf(trx, c.id);
  const blocked = blockedBy(ctx, def, events, already);
  if (blocked.code) throw new AppError(blocked.code, blocked.reason ?? undefined, { steps: def.after });
  const step = blocked.step!;
  const now = ctx.clock.now();
  const issuedOn = legalDateOf(now);
  const year = Number(issuedOn.slice(0, 4));
  const actorRef = { id: actor.userId, name: actor.name, ip: actor.ip };

  // In whose name: the owner, or (issuer 'actor') the org of whoever took the step if it holds the case.
  let orgId = c.orgId;
  if (def.issuer === 'actor' && step.actorOrgId) {
    const holds = await trx.selectFrom('caseOrgs').select('orgId').where('caseId', '=', c.id).where('orgId', '=', step.actorOrgId).executeTakeFirst();
    if (holds) orgId = step.actorOrgId;
  }
  const org = await trx.selectFrom('orgs').select(['id', 'name', 'kind', 'regionCode']).where('id', '=', orgId).executeTakeFirstOrThrow();

  // The next number of the kind for the org and year (row lock until commit; rolled back with a failed issue). Taken before any
  // audit record is written.
  const tpl = await readTemplate(trx, c.regionCode, def);
  const given = def.givenNumber?.(step) ?? null;
  let seq: number | null = null;
  if (!given) {
    const { last } = await trx.insertInto('documentCounters').values({ regionCode: c.regionCode, kind, orgId: org.id, year, last: 1 })
      .onConflict((oc) => oc.columns(['regionCode', 'kind', 'orgId', 'year']).doUpdateSet({ last: sql`document_counters.last + 1` }))
      .returning('last').executeTakeFirstOrThrow();
    seq = last;
  }
  const number = given ?? renderDocNo(ruleFor(tpl.template, org.id), year, seq as number);
  const taken = await trx.selectFrom('caseDocuments').select(['kind']).where('orgId', '=', org.id).where('number', '=', number).executeTakeFirst();
  if (taken) {
    throw new AppError('conflict', given ? `文号 ${number} 已被本机关的另一份文书使用：办理时填写的文号重复`
      : `文号 ${number} 已被本机关的另一类文书使用：请管理员在"文书模板"中为${def.label}设置不同的文号规则`);
  }

  // The addressee: decrypted for this document only, and the reveal audited.
  const roles = def.party ?? ['applicant'];
  const parties = await trx.selectFrom('caseParties').selectAll().where('caseId', '=', c.id).where('role', 'in', roles).execute();
  const p = roles.map((r) => parties.find((x) => x.role === r)).find(Boolean);
  const party = p ? {
    role: p.role, kind: p.kind, name: ctx.crypto.decryptOpt(p.nameEnc), phone: ctx.crypto.decryptOpt(p.phoneEnc),
    idNo: ctx.crypto.decryptOpt(p.idNoEnc), address: ctx.crypto.decryptOpt(p.addressEnc),
  } : null;
  if (p) {
    // Recorded against the case (detail: the party), like the issue record below: one audit chain shard per issue, taken after
    // the counter, so that concurrent issuers wait on the counter and never hold two shards in different orders (deadlock).
    await appendAuditInTrx(trx, actorRef, {
      action: 'personal.reveal', targetType: 'case', targetId: c.id, detail: { caseId: c.id, partyId: p.id, role: p.role, purpose: 'document', kind },
    }, now, c.regionCode);
  }

  const facts: DocumentFacts = {
    case: c, event: step, events, party, clocks: await caseClocks(ctx, trx, c.id, now), org, issuedOn,
    issued: already.map((d) => ({ kind: d.kind, title: d.title, number: d.number, issuedAt: d.issuedAt, eventSeq: d.eventSeq })),
  };
  const values = {
    机关: org.name, 当事人: party?.name ?? '', 编号: c.number, 日期: dateZh(issuedOn), 文号: number,
    ...(await def.fill(ctx, trx, facts)),
  };
  let filled;
  try { filled = fillTemplate(tpl.template, values); } catch (e) {
    const names = e instanceof TemplateFillError ? e.missing.map((m) => `{{${m}}}`).join('、') : null;
    if (names) throw new AppError('conflict', `${def.label}的模板使用了该文书不再提供的占位符 ${names}：请管理员修改文书模板`);
    throw e;
  }
  const buf = await gongwenDocx({
    masthead: org.name, docNo: number, title: filled.title, blocks: templateBlocks(filled.blocks), signer: org.name, date: issuedOn,
  });
  const file = await storeFileInTrx(trx, c.id, { filename: `${number}${def.label}.docx`, buf, mime: DOCX_MIME }, actorRef, now, { audit: false });
  const row = await trx.insertInto('caseDocuments').values({
    caseId: c.id, regionCode: c.regionCode, orgId: org.id, kind, title: filled.title, number, year, seq, eventSeq: step.seq,
    templateVersion: tpl.version, fileId: file.id, sm3: file.sm3, issuedAt: now, issuedBy: actor.userId, issuedByName: actor.name,
  }).returning('id').executeTakeFirstOrThrow();
  await appendAuditInTrx(trx, actorRef, {
    action: 'document.issue', targetType: 'case', targetId: c.id,
    detail: { documentId: row.id, kind, number, fileId: file.id, sm3: file.sm3, eventSeq: step.seq, templateVersion: tpl.version },
  }, now, c.regionCode);
  return row.id;
}
