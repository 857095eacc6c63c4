/**
 * The fair baseline: a hand-written route that makes the same durable writes as one yifa case creation — the counter,
 * the case row (sealed), its holders, its first hash-chained event, its clocks, its parties, the audit record on the
 * region's sharded chain and the Idempotency-Key record: the same tables, the same indexes, rows of the same size
 * (copied from a case yifa created, `capture`) — in one transaction with as few round trips as SQL allows: BEGIN, one
 * statement up to the audit chain's head (its hash is needed to link the record), one statement for the rest, COMMIT.
 * The keyed hashes (event, audit link, case seal) and the request hash are computed as yifa does, so CPU for crypto
 * is spent alike. What it leaves out is everything a platform adds: authentication, permission, validation, rules and the
 * response view — and, on `/bench/same-writes/<kind>`, the rows a module and the notices write for the case (the 12345
 * ticket's projection row, its rollup mark and Open311 update, the notice of receipt). `/bench/same-writes/<kind>/all`
 * writes those too, with the rest (copied from every other table with a `case_id`: columns filled by a sequence or a
 * generated id are left to their defaults, the case's id and number replaced by the new ones): every row a yifa create writes.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import type { Ctx } from '../apps/server/src/platform/context.ts';
import { auditChainFor, GENESIS } from '../apps/server/src/platform/audit/chain.ts';
import { canonicalJson, hmacSm3, sm3 } from '../apps/server/src/platform/crypto/sm.ts';

type Row = Record<string, unknown>;
interface Template {
  cases: Row; holders: Row[]; events: Row[]; clocks: Row[]; parties: Row[]; audit: Row; idem: Row; prefix: string;
  /** The rows of the other tables with a case_id (module projections, notices), with the columns left to their defaults. */
  more: { table: string; rows: Row[]; omit: string[] }[];
}

export interface SameWrites {
  /** Copy the rows of a case yifa created (with an Idempotency-Key) as the template of routes `/bench/same-writes/<kind>[/all]`. */
  capture(kind: string, caseId: string): Promise<void>;
}

const KEY = Buffer.alloc(32, 7);
const link = (prev: string, payload: unknown) => `hm3:${hmacSm3(KEY, prev + canonicalJson(payload))}`;

/** `insert into t (cols) select cols from jsonb_populate_recordset(null::t, rows)`: rows of any table in one statement. */
function insertRows(table: string, rows: Row[], omit: string[] = []): RawBuilder<unknown> {
  const cols = Object.keys(rows[0] ?? {}).filter((c) => !omit.includes(c)).map((c) => `"${c}"`).join(', ');
  return sql`insert into ${sql.table(table)} (${sql.raw(cols)})
    select ${sql.raw(cols)} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`;
}

export function addSameWritesRoute(app: FastifyInstance, ctx: Ctx): SameWrites {
  const templates = new Map<string, Template>();
  app.post<{ Params: { kind: string; all?: string } }>('/bench/same-writes/:kind/:all?', async (req, reply) => {
    const t = templates.get(req.params.kind);
    if (!t || (req.params.all && req.params.all !== 'all')) return reply.status(404).send({ error: 'no template' });
    const more = req.params.all ? t.more : [];
    const key = String(req.headers['idempotency-key'] ?? randomUUID());
    const requestHash = sm3(canonicalJson(req.body ?? null));
    const id = randomUUID();
    const now = new Date().toISOString();
    const region = String(t.cases.region_code);
    const year = Number(String(t.cases.filed_on).slice(0, 4));
    const events = t.events.map((e) => {
      const ev: Row = { ...e, case_id: id, occurred_at: now, idempotency_key: key, prev_hash: GENESIS };
      return { ...ev, hash: link(GENESIS, ev) };
    });
    const head = String(events[0].hash);
    const row = { ...t.cases, id, head_hash: head, created_at: now, updated_at: now, seal: null };
    const chain = auditChainFor(region, id);
    return ctx.db.transaction().execute(async (trx) => {
      const first = await sql<{ number: string; seq: string; hash: string }>`with
        n as (insert into case_counters (prefix, region_code, year, last) values (${t.prefix}, ${region}, ${year}, 1)
              on conflict (prefix, region_code, year) do update set last = case_counters.last + 1 returning last),
        c as (insert into cases select * from jsonb_populate_record(null::cases,
              ${JSON.stringify(row)}::jsonb || jsonb_build_object('number', (select ${`${t.prefix}-${year}-`}::text || lpad(last::text, 6, '0') from n)))
              returning number),
        h as (${insertRows('case_orgs', t.holders.map((h) => ({ ...h, case_id: id, since: now })))}),
        e as (${insertRows('case_events', events, ['id'])}),
        ${t.clocks.length ? sql`k as (${insertRows('clocks', t.clocks.map((k) => ({ ...k, id: randomUUID(), case_id: id, updated_at: now })))}),` : sql``}
        ${t.parties.length
    ? sql`p as (${insertRows('case_parties', t.parties.map((p) => ({ ...p, id: randomUUID(), case_id: id, created_at: now })))}),` : sql``}
        ch as (update chain_heads set seq = seq + 1 where chain = ${chain} returning seq, hash)
        select (select number from c) as number, ch.seq, ch.hash from ch`.execute(trx);
      const { number, seq, hash: prev } = first.rows[0];
      const audit: Row = { ...t.audit, chain, seq, occurred_at: now, target_id: id, detail: { ...(t.audit.detail as Row), number } };
      const hash = link(prev, audit);
      const seal = link('case-seal', { ...row, number, holders: t.holders });
      // (the case's id and number wherever the rows carry them: a notice's dedupe key, the ticket's number)
      const renumbered = (rows: Row[]) => (JSON.parse(JSON.stringify(rows).replaceAll(String(t.cases.number), number)
        .replaceAll(String(t.cases.id), id)) as Row[]).map((x) => ({ ...x, ...(typeof x.id === 'string' ? { id: randomUUID() } : {}) }));
      await sql`with
        ${sql.join(more.map((x, i) => sql`${sql.id(`m${i}`)} as (${insertRows(x.table, renumbered(x.rows), x.omit)}),`), sql``)}
        a as (${insertRows('audit_log', [{ ...audit, prev_hash: prev, hash }], ['id'])}),
        i as (insert into idempotency_keys (key, actor_key, request_hash, status, response)
              values (${key}, ${String(t.idem.actor_key)}, ${requestHash}, 201, ${JSON.stringify(t.idem.response)}::jsonb)),
        s as (update cases set seal = ${seal} where id = ${id})
        update chain_heads set hash = ${hash} where chain = ${chain}`.execute(trx);
      return reply.status(201).send({ id, number });
    });
  });

  return {
    async capture(kind, caseId) {
      const rows = async (q: RawBuilder<{ r: Row }>) => (await q.execute(ctx.db)).rows.map((x) => x.r);
      const [cases] = await rows(sql`select to_jsonb(t) as r from cases t where id = ${caseId}`);
      const audit = (await rows(sql`select to_jsonb(t) as r from audit_log t where target_id = ${caseId} and action = 'case.open'`))[0];
      const events = await rows(sql`select to_jsonb(t) as r from case_events t where case_id = ${caseId} order by seq`);
      const idem = (await rows(sql`select to_jsonb(t) as r from idempotency_keys t where key = ${String(events[0]?.idempotency_key)}`))[0];
      if (!cases || !audit || !idem) throw new Error(`same-writes: case ${caseId} lacks its audit or idempotency record (create it with an Idempotency-Key)`);
      const prefix = `SW${String(cases.number).split('-')[0]}`;
      // The chain heads exist (yifa creates a missing one in the transaction; the baseline would not).
      for (let i = 0; i < 8; i++) {
        await sql`insert into chain_heads (chain, seq, hash) values (${`${String(cases.region_code)}/${i}`}, 0, ${GENESIS}) on conflict do nothing`
          .execute(ctx.db);
      }
      // every other table with a case_id, and its columns a sequence or a generated id fills
      const core = ['cases', 'case_orgs', 'case_events', 'clocks', 'case_parties', 'audit_log', 'idempotency_keys'];
      const cols = (await sql<{ table: string; column: string; generated: boolean }>`select c.table_name as "table", c.column_name as "column",
          coalesce(c.column_default ~ '^(nextval|gen_random_uuid|uuid_generate)', false) or c.is_identity = 'YES' as generated
        from information_schema.columns c join information_schema.columns k on k.table_schema = c.table_schema and k.table_name = c.table_name
          and k.column_name = 'case_id' join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(ctx.db)).rows;
      const more: Template['more'] = [];
      for (const table of [...new Set(cols.map((c) => c.table))].filter((x) => !core.includes(x)).sort()) {
        const found = await rows(sql`select to_jsonb(t) as r from ${sql.table(table)} t where case_id = ${caseId}`);
        if (found.length) more.push({ table, rows: found, omit: cols.filter((c) => c.table === table && c.generated).map((c) => c.column) });
      }
      templates.set(kind, {
        cases, audit, idem, prefix, events, more,
        holders: await rows(sql`select to_jsonb(t) as r from case_orgs t where case_id = ${caseId}`),
        clocks: await rows(sql`select to_jsonb(t) as r from clocks t where case_id = ${caseId}`),
        parties: await rows(sql`select to_jsonb(t) as r from case_parties t where case_id = ${caseId}`),
      });
    },
  };
}
