/**
 * 执法公示 at county scale (issue 15): 200,000 published 行政处罚决定 in the catalogue (disclosure_items, source `enforcement`), then
 *  - publication: `publishInTrx` (rule enforcement.publication from the ledger, jieba tokens, 索引号 counter, item event + audit) for
 *    new decisions, as a ratio to a bare insert of the same row in the same run;
 *  - the portal search GET /api/v1/public/enforcement/decisions?q=<two-character word> through the real Fastify app, as a ratio to the
 *    bare indexed query (`tokens @> …` count + first page, no join, no HTTP).
 * p50 and p99 of BENCH_QUERIES each, interleaved. PGlite, or PostgreSQL with BENCH_DATABASE_URL. Not in CI.
 *   npx tsx bench/enforcement-publication.ts            (BENCH_DOCS=200000 BENCH_QUERIES=200 by default)
 */
import { sql } from 'kysely';
import { openPglite, openPostgres } from '../apps/server/src/platform/db/client.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { makeContext, migrationSources } from '../apps/server/src/bootstrap.ts';
import { buildApp } from '../apps/server/src/app.ts';
import { ManualClock } from '../apps/server/src/platform/clock.ts';
import { publishInTrx } from '../apps/server/src/platform/publication/publication.ts';
import { indexTokens, queryTokens } from '../apps/server/src/platform/publication/tokens.ts';
import { TEST_KEYRING, testConfig } from '../apps/server/test/template.ts';

const N = Number(process.env.BENCH_DOCS ?? 200_000);
const Q = Number(process.env.BENCH_QUERIES ?? 200);
const REGION = '880101';
const db = process.env.BENCH_DATABASE_URL ? await openPostgres(process.env.BENCH_DATABASE_URL) : await openPglite({});
await migrate(db, migrationSources());
const k = db.db;
const ctx = makeContext({ ...testConfig(), defaultRegion: REGION, rateLimit: { login: 1000, public: 1_000_000 } }, db,
  { clock: new ManualClock('2026-06-15T10:00:00+08:00'), keyring: TEST_KEYRING });
const app = await buildApp(ctx);

const t0 = performance.now();
await sql`insert into orgs (code, kind, region_code, name, path, established_on) select '880101-d' || g, 'department', '880101', '执法部门' || g, '/n' || g || '/',
  '2020-01-01' from generate_series(1, 20) g on conflict do nothing`.execute(k);
const orgs = (await sql<{ id: string }>`select id from orgs where region_code = '880101' order by code`.execute(k)).rows.map((r) => r.id);
const SUBJECT = ['食品', '药品', '广告', '价格', '计量', '特种设备', '商标', '环境', '噪声', '扬尘', '建筑', '运输', '土地', '农药', '消防', '烟草',
  '网络', '医疗', '化妆品', '酒类'];
const title = (i: number) => `行政处罚决定（示罚〔2026〕${i}号）：对违反${SUBJECT[i % 20]}和${SUBJECT[(i * 7 + 3) % 20]}管理规定行为的处罚`;
const BATCH = 2000;
for (let start = 0; start < N; start += BATCH) {
  const rows = Array.from({ length: Math.min(BATCH, N - start) }, (_, j) => ({ i: start + j, title: title(start + j), tokens: indexTokens(title(start + j)) }));
  await sql`insert into disclosure_items (region_code, org_id, index_no, title, summary, category, doc_no, formed_on, publish_due, published_on, late, status,
      tokens, source_module, source_ref, created_at, updated_at)
    select ${REGION}, (${sql.val(orgs)}::uuid[])[1 + r.i % 20], 'B/' || r.i, r.title, '当事人：某某公司；决定结果：处罚', 'art20_6_penalty', '示罚〔2026〕' || r.i || '号',
      date '2024-01-01' + (r.i % 900), date '2024-01-10' + (r.i % 900), date '2024-01-05' + (r.i % 900), false, 'published', r.tokens, 'enforcement',
      gen_random_uuid()::text, now(), now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(i int, title text, tokens text[])`.execute(k);
}
await sql`analyze`.execute(k);
console.log(`generated ${N} published decisions in ${Math.round(performance.now() - t0)} ms (${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const report = (what: string, bareMs: number[], realMs: number[]) => {
  const [b50, b99, r50, r99] = [pct(bareMs, 50), pct(bareMs, 99), pct(realMs, 50), pct(realMs, 99)];
  console.log(`${what}: bare p50 ${b50.toFixed(2)} ms p99 ${b99.toFixed(2)} ms; real p50 ${r50.toFixed(2)} ms p99 ${r99.toFixed(2)} ms; `
    + `ratio p50 ${(r50 / b50).toFixed(2)}, p99 ${(r99 / b99).toFixed(2)}`);
};

// publication: publishInTrx vs a bare insert of the same row
const pb: number[] = []; const pr: number[] = [];
for (let i = 0; i < Q; i++) {
  const n = N + i;
  let s = performance.now();
  await k.insertInto('disclosureItems').values({ regionCode: REGION, orgId: orgs[n % 20], indexNo: `BARE/${n}`, title: title(n), summary: '',
    category: 'art20_6_penalty', formedOn: '2026-06-10', publishedOn: '2026-06-15', status: 'published', tokens: [], createdAt: new Date(),
    updatedAt: new Date() }).execute();
  pb.push(performance.now() - s);
  s = performance.now();
  await k.transaction().execute((trx) => publishInTrx(ctx, trx, { regionCode: REGION, orgId: orgs[n % 20], sourceModule: 'enforcement', sourceRef: `bench-${n}`,
    category: 'art20_6_penalty', rule: 'enforcement.publication', title: title(n), summary: '当事人：某某公司；决定结果：处罚', docNo: `示罚〔2026〕${n}号`,
    formedOn: '2026-06-10', actor: { userId: null, name: '基准' } }));
  pr.push(performance.now() - s);
}
report(`publish (${Q}, interleaved)`, pb, pr);

// the portal search
const words = SUBJECT.slice(0, 10);
const bare = async (w: string) => {
  const tokens = queryTokens(w);
  await sql`select count(*) from disclosure_items where tokens @> ${sql.val(tokens)}::text[]`.execute(k);
  await sql`select id, title from disclosure_items where tokens @> ${sql.val(tokens)}::text[] order by published_on desc limit 20`.execute(k);
};
const route = async (w: string) => {
  const r = await app.inject({ method: 'GET', url: `/api/v1/public/enforcement/decisions?q=${encodeURIComponent(w)}` });
  if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
  return r.json() as { total: number };
};
for (const w of words) { await bare(w); await route(w); } // warm-up
const tb: number[] = []; const tr: number[] = [];
for (let i = 0; i < Q; i++) {
  const w = words[i % words.length];
  let s = performance.now(); await bare(w); tb.push(performance.now() - s);
  s = performance.now(); await route(w); tr.push(performance.now() - s);
}
console.log(`'广告' finds ${(await route('广告')).total} of ${N + 2 * Q}`);
report(`portal search (${Q}, interleaved)`, tb, tr);
await app.close();
await db.close();
