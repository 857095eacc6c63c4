/**
 * Tamper evidence: case events are chained per case, audit records per region shard. Each link is
 * `hm3:` + HMAC-SM3(chain key, previous hash + canonical JSON of the row), the chain key derived from the
 * field-encryption keyring, which lives outside the database (env or keys.json): someone who can write the
 * database but not read that key cannot recompute a chain after rewriting a row. Rows written before keyed
 * chains (yifa 0.1) keep their plain SM3 links; `integrity_marks` records where keyed links begin, so a
 * plain link after that point is reported as a downgrade. Truncation (deleting the newest rows and rolling
 * a head back) is caught against signed checkpoints (checkpoints.ts). docs/SECURITY.md says what each
 * mechanism can and cannot detect.
 */
import { sql, type OperationNodeSource } from 'kysely';
import type { Conn, Tx } from '../db/client.ts';
import { canonicalJson, hmacSm3, sm3 } from '../crypto/sm.ts';
import { writeTogether, writeTogetherReading } from '../db/last-writes.ts';

export const GENESIS = '0'.repeat(64);
const KEYED = 'hm3:';

let chainKey: Buffer | null = null;
/** Install the chain key (makeContext does, from the keyring); every keyed hash needs it. */
export function useChainKey(key: Buffer): void {
  chainKey = key;
}

function link(prev: string, payload: string): string {
  if (!chainKey) throw new Error('chain key not installed (makeContext installs it from the keyring)');
  return KEYED + hmacSm3(chainKey, prev + payload);
}

/** Does a stored link fit? Keyed links are recomputed with the key; plain SM3 links only where legacy rows may be. */
function fits(stored: string, prev: string, payload: string, legacyAllowed: boolean): 'ok' | 'modified' | 'downgraded' {
  if (stored.startsWith(KEYED)) return stored === link(prev, payload) ? 'ok' : 'modified';
  if (!legacyAllowed) return 'downgraded';
  return stored === sm3(prev + payload) ? 'ok' : 'modified';
}

/** Who did something, as recorded in events and the audit log. */
export interface ActorRef {
  id: string | null;
  name: string;
  orgId?: string | null;
  ip?: string | null;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  detail?: Record<string, unknown>;
}

interface AuditHashInput {
  chain: string; seq: number; occurredAt: Date; actorId: string | null; actorName: string; ip: string | null;
  action: string; targetType: string; targetId: string | null; detail: Record<string, unknown>;
}

function auditHash(prev: string, row: AuditHashInput): string {
  return link(prev, canonicalJson(row));
}

/** Audit chains per region are split into this many shards, so that concurrent writers rarely wait on one head row. */
export const AUDIT_SHARDS = 8;

/** The chain a record goes to: its region and a shard chosen by its target (or actor), so a target's history stays in one chain. */
export function auditChainFor(region: string, key: string | null): string {
  if (!key) return `${region}/0`;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return `${region}/${h % AUDIT_SHARDS}`;
}

/**
 * A chain head the caller has already advanced (takeHeadSql, as a CTE of a statement it runs anyway — the engine's
 * numbering and sealing statements do: one round trip fewer). Without it appendAuditInTrx takes the head itself.
 */
export interface TakenHead { chain: string; seq: string | number | bigint; hash: string }

/**
 * The head of an audit chain, advanced (seq + 1, so its row is locked until COMMIT) and returned with its hash, which is
 * the new record's previous hash; a chain's first record creates the head at GENESIS. A query to run alone or as a CTE
 * of a statement the caller runs anyway (the engine's numbering and sealing statements do).
 */
export function takeHeadSql(chain: string) {
  return sql<{ seq: string; hash: string }>`insert into chain_heads (chain, seq, hash) values (${chain}, 1, ${GENESIS})
    on conflict (chain) do update set seq = chain_heads.seq + 1 returning seq::text, hash`;
}

/**
 * The writes of one audit record on a head already taken: the record and the head's new hash — two data-modifying
 * queries for one statement (they touch different rows).
 */
export function auditWrites(trx: Tx, actor: ActorRef, entry: AuditEntry, at: Date, head: TakenHead) {
  const row = {
    chain: head.chain,
    seq: Number(head.seq),
    occurredAt: at,
    actorId: actor.id,
    actorName: actor.name,
    ip: actor.ip ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? {},
  };
  const hash = auditHash(head.hash, row);
  return [
    trx.insertInto('auditLog').values({ ...row, detail: JSON.stringify(row.detail), prevHash: head.hash, hash }),
    trx.updateTable('chainHeads').set({ hash }).where('chain', '=', head.chain),
  ] as const;
}

/**
 * Append one audit record in the caller's transaction. The chain head row is locked (by the
 * upsert … RETURNING of takeHeadSql) until commit, so each chain is linear even with concurrent writers.
 */
export async function appendAuditInTrx(trx: Tx, actor: ActorRef, entry: AuditEntry, at: Date, region = 'main', taken?: TakenHead | null): Promise<void> {
  const chain = auditChainFor(region, entry.targetId ?? actor.id);
  if (taken && taken.chain !== chain) throw new Error(`audit head taken for ${taken.chain}, record goes to ${chain}`);
  const head = taken ?? { chain, ...(await takeHeadSql(chain).execute(trx)).rows[0] };
  // The record and the new head hash in one statement.
  await writeTogether(trx, auditWrites(trx, actor, entry, at, head));
}

export interface EventHashInput {
  caseId: string; seq: number; action: string; fromState: string | null; toState: string;
  actorId: string | null; actorName: string; actorOrgId: string | null; input: Record<string, unknown>;
  public: boolean; occurredAt: Date; idempotencyKey: string | null;
  /** Only on an act recorded later (absent otherwise, so links written before it existed still fit). */
  recordedAt?: Date;
}

export function eventHash(prev: string, e: EventHashInput): string {
  return link(prev, canonicalJson(e));
}

/** What a case row's seal covers: the row (but the queue fields the deadline sweep refreshes) and every holder, past and present. */
export interface CaseSealInput {
  id: string; number: string; type: string; regionCode: string; orgId: string; state: string; title: string; data: unknown;
  version: number; headHash: string; closedAt: Date | null;
  holders: { orgId: string; role: string; since: Date; until: Date | null }[];
}

/** The seal of a case row: a keyed link over its content, so a rewrite of the row or its holders needs the key. */
export function caseSeal(c: CaseSealInput): string {
  const holders = c.holders.map((h) => ({ orgId: h.orgId, role: h.role, since: new Date(h.since), until: h.until ? new Date(h.until) : null }))
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.orgId.localeCompare(b.orgId) || a.role.localeCompare(b.role)
      || (a.until?.getTime() ?? Infinity) - (b.until?.getTime() ?? Infinity));
  return link('case-seal', canonicalJson({ ...c, closedAt: c.closedAt ? new Date(c.closedAt) : null, holders }));
}

/**
 * The select list of what a case row's seal covers — the row's columns and its holders — over the row aliased `c`: the
 * cases table, or a CTE that returns its columns (the engine reads the row it has just numbered).
 */
export const SEAL_COLUMNS = sql`c.id, c.number, c.type, c.region_code, c.org_id, c.state, c.title, c.data, c.version, c.head_hash, c.closed_at,
  coalesce((select json_agg(json_build_object('orgId', co.org_id, 'role', co.role, 'since', co.since, 'until', co.until))
    from case_orgs co where co.case_id = c.id), '[]'::json) as holders`;

/** Read a case row and its holders as the seal covers them. */
export async function sealInputOf(conn: Conn, caseId: string): Promise<CaseSealInput & { seal: string | null; lastEventId: string | null }> {
  const r = await sql<CaseSealInput & { seal: string | null; lastEventId: string | null }>`select ${SEAL_COLUMNS}, c.seal,
    (select max(e.id)::text from case_events e where e.case_id = c.id) as last_event_id from cases c where c.id = ${caseId}`.execute(conn);
  if (!r.rows[0]) throw new Error(`no case ${caseId}`);
  return r.rows[0];
}

/** The write of a case row's seal over `c` (what SEAL_COLUMNS read, changed as the caller changed it). */
export const sealWrite = (trx: Tx, c: CaseSealInput) => trx.updateTable('cases').set({ seal: caseSeal(c) }).where('id', '=', c.id);

/**
 * The last writes of an act on a case, in two statements: the head of its audit chain taken with the row as sealed, then
 * the audit record and the seal together — instead of taking the head, appending, reading and sealing one by one.
 */
export async function auditAndSealInTrx(trx: Tx, caseId: string, region: string, actor: ActorRef, entry: AuditEntry, at: Date): Promise<void>;
/** …and read `read` (the case's view) in the statement that writes them: its row as JSON (see writeTogetherReading). */
export async function auditAndSealInTrx(trx: Tx, caseId: string, region: string, actor: ActorRef, entry: AuditEntry, at: Date,
  read: OperationNodeSource): Promise<Record<string, unknown>>;
export async function auditAndSealInTrx(trx: Tx, caseId: string, region: string, actor: ActorRef, entry: AuditEntry, at: Date,
  read?: OperationNodeSource): Promise<Record<string, unknown> | void> {
  const chain = auditChainFor(region, caseId);
  const r = await sql<CaseSealInput & { headSeq: string; headHashTaken: string }>`with head as (${takeHeadSql(chain)})
    select ${SEAL_COLUMNS}, (select seq from head) as head_seq, (select hash from head) as head_hash_taken from cases c where c.id = ${caseId}`
    .execute(trx);
  const { headSeq, headHashTaken, ...row } = r.rows[0];
  const writes = [...auditWrites(trx, actor, { ...entry, targetId: caseId }, at, { chain, seq: headSeq, hash: headHashTaken }), sealWrite(trx, row)];
  if (read) return writeTogetherReading(trx, writes, read);
  await writeTogether(trx, writes);
}

/**
 * Seal a case row as it now is (the engine does, last in every transaction that writes a case — after the modules'
 * projections, which may set facts or holders — and so must any code that changes a case row or its holders).
 */
export async function sealCaseInTrx(trx: Tx, caseId: string): Promise<void> {
  const { seal: _s, lastEventId: _l, ...c } = await sealInputOf(trx, caseId);
  await sealWrite(trx, c).execute();
}

/** Where keyed links and seals begin (ids of the last rows written before them), from the append-only integrity_marks. */
async function keyedFrom(db: Conn): Promise<{ events: bigint; audit: bigint; seals: bigint }> {
  const rows = await db.selectFrom('integrityMarks').select(['name', 'value']).execute();
  const get = (n: string) => BigInt(rows.find((r) => r.name === n)?.value ?? '0');
  return { events: get('events_keyed_after'), audit: get('audit_keyed_after'), seals: get('cases_sealed_after') };
}

export interface ChainProblem {
  table: 'case_events' | 'audit_log' | 'cases' | 'chain_heads' | 'audit_checkpoints';
  id: string;
  message: string;
}

/**
 * Verify every chain: each row's hash, each link, no gaps, and that the heads (cases.version /
 * head_hash, chain_heads) match the last row. Names each row that does not fit.
 */
export async function verifyChains(db: Conn, onProgress?: (done: number, total: number) => void): Promise<{ checked: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let checked = 0;
  const totalRow = await sql<{ n: number }>`select (select count(*) from case_events) + (select count(*) from audit_log) as n`.execute(db);
  const total = Number(totalRow.rows[0].n);

  const legacy = await keyedFrom(db);
  const say = { modified: '的内容与其哈希不符：记录被修改', downgraded: '的哈希不是密钥哈希：记录在启用密钥链之后被改写（降级）' } as const;
  // Case events, per case.
  const cases = await db.selectFrom('cases').select(['id', 'number', 'version', 'headHash', 'state']).orderBy('id').execute();
  const caseIds = new Set(cases.map((c) => c.id));
  for (const c of cases) {
    const events = await db.selectFrom('caseEvents').selectAll().where('caseId', '=', c.id).orderBy('seq').execute();
    let prev = GENESIS;
    let expectSeq = 1;
    for (const e of events) {
      checked++;
      const where = `案件 ${c.number} 的第 ${e.seq} 条事件（case_events.id=${e.id}）`;
      if (e.seq !== expectSeq) problems.push({ table: 'case_events', id: String(e.id), message: `${where}前缺少第 ${expectSeq} 条事件：记录被删除` });
      if (e.prevHash !== prev) problems.push({ table: 'case_events', id: String(e.id), message: `${where}与前一条事件的链接断开：前一条被修改、插入或删除` });
      const fit = fits(e.hash, e.prevHash, canonicalJson({
        caseId: e.caseId, seq: e.seq, action: e.action, fromState: e.fromState, toState: e.toState, actorId: e.actorId,
        actorName: e.actorName, actorOrgId: e.actorOrgId, input: e.input, public: e.public, occurredAt: e.occurredAt,
        idempotencyKey: e.idempotencyKey, recordedAt: e.recordedAt ?? undefined,
      } satisfies EventHashInput), BigInt(e.id) <= legacy.events);
      if (fit !== 'ok') problems.push({ table: 'case_events', id: String(e.id), message: `${where}${say[fit]}` });
      prev = e.hash;
      expectSeq = e.seq + 1;
    }
    if (events.length !== c.version || prev !== c.headHash) {
      problems.push({ table: 'cases', id: c.id, message: `案件 ${c.number} 的事件链末端与案件记录不符（应有 ${c.version} 条，实有 ${events.length} 条）：末尾事件被删除或插入` });
    } else if (events.length && events[events.length - 1].toState !== c.state) {
      // The row is a cache of the fold of its events: its state must be where the last event left it.
      problems.push({ table: 'cases', id: c.id, message: `案件 ${c.number} 的状态（${c.state}）与事件链末端（${events[events.length - 1].toState}）不符：案件记录被改写` });
    }
    // The row (title, facts, owner…) and its holders, against the seal written with them.
    const sealed = await sealInputOf(db, c.id);
    const { seal, lastEventId, ...content } = sealed;
    if (seal === null) {
      if (BigInt(lastEventId ?? '0') > legacy.seals) problems.push({ table: 'cases', id: c.id, message: `案件 ${c.number} 的记录没有封印：封印被删除` });
    } else if (seal !== caseSeal(content)) {
      problems.push({ table: 'cases', id: c.id, message: `案件 ${c.number} 的记录或承办机构与封印不符：案件记录（状态、标题、事实、承办机构）被改写` });
    }
    onProgress?.(checked, total);
  }
  const orphans = await db.selectFrom('caseEvents').select(['id', 'caseId']).execute();
  for (const o of orphans) if (!caseIds.has(o.caseId)) problems.push({ table: 'case_events', id: String(o.id), message: `事件 case_events.id=${o.id} 指向不存在的案件` });

  // Audit log, per chain. Rows in a chain that has no head were inserted from outside.
  const heads = await db.selectFrom('chainHeads').selectAll().execute();
  const known = new Set(heads.map((h) => h.chain));
  const strays = await db.selectFrom('auditLog').select(['id', 'chain', 'seq', 'action']).where('chain', 'not in', known.size ? [...known] : ['']).execute();
  for (const r of strays) problems.push({ table: 'audit_log', id: String(r.id), message: `审计日志 audit_log.id=${r.id}（${r.action}）属于不存在的链 ${r.chain}：记录被插入` });
  for (const head of heads) {
    let prev = GENESIS;
    let expectSeq = 1;
    let last = 0;
    const pageSize = 5000;
    for (let after = 0; ; ) {
      const rows = await db.selectFrom('auditLog').selectAll().where('chain', '=', head.chain).where('seq', '>', String(after)).orderBy('seq').limit(pageSize).execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        checked++;
        const seq = Number(r.seq);
        const where = `审计日志第 ${seq} 条（audit_log.id=${r.id}，${r.action}）`;
        if (seq !== expectSeq) problems.push({ table: 'audit_log', id: String(r.id), message: `${where}前缺少第 ${expectSeq} 条：记录被删除` });
        if (r.prevHash !== prev) problems.push({ table: 'audit_log', id: String(r.id), message: `${where}与前一条的链接断开：前一条被修改、插入或删除` });
        const fit = fits(r.hash, r.prevHash, canonicalJson({
          chain: r.chain, seq, occurredAt: r.occurredAt, actorId: r.actorId, actorName: r.actorName, ip: r.ip,
          action: r.action, targetType: r.targetType, targetId: r.targetId, detail: r.detail,
        } satisfies AuditHashInput), BigInt(r.id) <= legacy.audit);
        if (fit !== 'ok') problems.push({ table: 'audit_log', id: String(r.id), message: `${where}${say[fit]}` });
        prev = r.hash;
        expectSeq = seq + 1;
        last = seq;
      }
      after = last;
      onProgress?.(checked, total);
    }
    if (last !== Number(head.seq) || prev !== head.hash) {
      problems.push({ table: 'chain_heads', id: head.chain, message: `审计链 ${head.chain} 末端不符（应到第 ${head.seq} 条，实到第 ${last} 条）：末尾记录被删除或插入` });
    }
  }
  return { checked, problems };
}
