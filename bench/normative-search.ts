/**
 * 规范性文件库 search on a county registry of 50,000 documents (PGlite, or PostgreSQL with BENCH_DATABASE_URL): the public
 * route GET /api/v1/public/normative/docs (jieba tokens of the query, GIN containment, org/status filters, count + page, orgs
 * joined) through the real Fastify app, as a ratio to the bare indexed query (`tokens @> …` with count and the first page,
 * no joins, no HTTP) measured in the same run. p50 and p99 of BENCH_QUERIES requests over a mix of two-character words.
 *   npx tsx bench/normative-search.ts
 */
import { sql } from 'kysely';
import { openPglite, openPostgres } from '../apps/server/src/platform/db/client.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { makeContext, migrationSources } from '../apps/server/src/bootstrap.ts';
import { buildApp } from '../apps/server/src/app.ts';
import { ManualClock } from '../apps/server/src/platform/clock.ts';
import { indexTokens, queryTokens } from '../apps/server/src/platform/publication/tokens.ts';
import { TEST_KEYRING, testConfig } from '../apps/server/test/template.ts';

const N = Number(process.env.BENCH_DOCS ?? 50_000);
const Q = Number(process.env.BENCH_QUERIES ?? 200);
const REGION = '880101';
const db = process.env.BENCH_DATABASE_URL ? await openPostgres(process.env.BENCH_DATABASE_URL) : await openPglite({});
await migrate(db, migrationSources());
const k = db.db;
const ctx = makeContext({ ...testConfig(), defaultRegion: REGION, rateLimit: { login: 1000, public: 1_000_000 } }, db,
  { clock: new ManualClock('2026-06-15T10:00:00+08:00'), keyring: TEST_KEYRING });
const app = await buildApp(ctx);

const t0 = performance.now();
await sql`insert into orgs (code, kind, region_code, name, path, established_on) select '880101-d' || g, 'department', '880101', '部门' || g, '/n' || g || '/', '2020-01-01'
  from generate_series(1, 20) g on conflict do nothing`.execute(k);
const orgs = (await sql<{ id: string }>`select id from orgs where region_code = '880101' order by code`.execute(k)).rows.map((r) => r.id);
// Titles and texts from word pools, tokenised by the same jieba cut as the module (indexTokens).
const SUBJECT = ['食品', '摊位', '广告', '停车', '住房', '养老', '教育', '医疗', '环保', '安全', '交通', '农业', '市场', '登记', '补贴', '税费', '物业', '供水', '消防', '旅游'];
const KIND = ['管理办法', '实施意见', '暂行规定', '实施细则', '通知'];
const STATES = ['in_force', 'in_force', 'in_force', 'amended', 'repealed', 'expired'];
const BATCH = 1000;
for (let start = 0; start < N; start += BATCH) {
  const rows = Array.from({ length: Math.min(BATCH, N - start) }, (_, j) => {
    const i = start + j;
    const a = SUBJECT[i % SUBJECT.length]; const b = SUBJECT[(i * 7 + 3) % SUBJECT.length];
    const title = `示范县${a}${b}${KIND[i % KIND.length]}（第${i}号）`;
    const text = `第一条 为加强${a}和${b}管理，根据有关法律法规，结合本县实际，制定本${KIND[i % KIND.length]}。`;
    return { i, title, tokens: indexTokens(title, text) };
  });
  await sql`with c as (
      insert into cases (type, number, region_code, org_id, state, title, data, filed_on, version, head_hash, created_at, updated_at)
      select 'normative_document', 'GF-B-' || r.i, ${REGION}, (${sql.val(orgs)}::uuid[])[1 + r.i % 20], (${sql.val(STATES)}::text[])[1 + r.i % 6], r.title, '{}',
        date '2019-01-01' + (r.i % 2700), 1, 'x', now(), now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(i int, title text, tokens text[])
      returning id, number, org_id, state, title, filed_on)
    insert into normative_docs (case_id, region_code, org_id, root_id, version_no, title, doc_kind, category, state, reg_no, reg_year, doc_no,
      registered_on, published_on, effective_on, tokens, updated_at)
    select c.id, ${REGION}, c.org_id, c.id, 1, c.title, '办法', '其他', c.state, 'SXGS—' || extract(year from c.filed_on) || '—' || substr(c.number, 6),
      extract(year from c.filed_on)::int, '示规〔' || extract(year from c.filed_on) || '〕' || substr(c.number, 6) || '号', c.filed_on, c.filed_on, c.filed_on,
      (select r.tokens from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(i int, title text, tokens text[]) where 'GF-B-' || r.i = c.number), now()
    from c`.execute(k);
}
await sql`analyze`.execute(k);
console.log(`generated ${N} documents in ${Math.round(performance.now() - t0)} ms (${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);

const words = SUBJECT.slice(0, 10);
const bare = async (w: string) => {
  const tokens = queryTokens(w);
  await sql`select count(*) from normative_docs where tokens @> ${sql.val(tokens)}::text[]`.execute(k);
  await sql`select case_id, title from normative_docs where tokens @> ${sql.val(tokens)}::text[] order by published_on desc limit 20`.execute(k);
};
const route = async (w: string, i: number) => {
  const r = await app.inject({ method: 'GET', url: `/api/v1/public/normative/docs?q=${encodeURIComponent(w)}${i % 3 === 0 ? '&status=in_force' : ''}` });
  if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
  return r.json() as { total: number };
};
const pct = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
for (const w of words) { await bare(w); await route(w, 1); } // warm-up
const tb: number[] = []; const tr: number[] = [];
for (let i = 0; i < Q; i++) {
  const w = words[i % words.length];
  let s = performance.now(); await bare(w); tb.push(performance.now() - s);
  s = performance.now(); await route(w, i); tr.push(performance.now() - s);
}
const sample = await route('摊位', 1);
const [b50, b99, r50, r99] = [pct(tb, 50), pct(tb, 99), pct(tr, 50), pct(tr, 99)];
console.log(`'摊位' finds ${sample.total} of ${N}`);
console.log(`bare indexed query p50 ${b50.toFixed(1)} ms p99 ${b99.toFixed(1)} ms; library route p50 ${r50.toFixed(1)} ms p99 ${r99.toFixed(1)} ms`);
console.log(`ratio p50 ${(r50 / b50).toFixed(2)}, p99 ${(r99 / b99).toFixed(2)} (${Q} queries, interleaved)`);
await app.close();
await db.close();
