/**
 * 重大行政决策 consultation under load (PGlite, or PostgreSQL with BENCH_DATABASE_URL): the public page
 * GET /api/v1/public/decisions/consultations/:id (the draft, the period, the masked comments) and the comment
 * POST …/comments (validation, per-IP limit, field encryption of name and phone, masking, audit chain) through the real
 * Fastify app, BENCH_CONCURRENCY requests at a time, as a ratio to a bare Fastify route in the same run making the same
 * reads (the case and its comments) and one plain INSERT of the comment. p50 and p99 over BENCH_REQUESTS of each.
 *   npx tsx bench/decisions-consultation.ts
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { openPglite, openPostgres } from '../apps/server/src/platform/db/client.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { makeContext, migrationSources } from '../apps/server/src/bootstrap.ts';
import { buildApp } from '../apps/server/src/app.ts';
import { ManualClock } from '../apps/server/src/platform/clock.ts';
import { TEST_KEYRING, testConfig } from '../apps/server/test/template.ts';

const R = Number(process.env.BENCH_REQUESTS ?? 400);
const C = Number(process.env.BENCH_CONCURRENCY ?? 10);
const EXISTING = Number(process.env.BENCH_COMMENTS ?? 300);
const REGION = '880101';
const db = process.env.BENCH_DATABASE_URL ? await openPostgres(process.env.BENCH_DATABASE_URL) : await openPglite({});
await migrate(db, migrationSources());
const k = db.db;
const ctx = makeContext({ ...testConfig(), defaultRegion: REGION, rateLimit: { login: 1000, public: 10_000_000 } }, db,
  { clock: new ManualClock('2026-06-15T10:00:00+08:00'), keyring: TEST_KEYRING });
const app = await buildApp(ctx);

await sql`insert into orgs (code, kind, region_code, name, path, established_on) values ('880101-b', 'department', ${REGION}, '示范县市场监督管理局', '/b/', '2020-01-01')
  on conflict do nothing`.execute(k);
const org = (await sql<{ id: string }>`select id from orgs where code = '880101-b'`.execute(k)).rows[0].id;
const draft = '一、建设目标：三年内新增公共停车泊位3000个。\n二、保障措施。'.repeat(20);
const data = { title: '示范县城区停车设施建设三年行动方案', draft, explanation: '起草说明。'.repeat(50),
  comment: { startOn: '2026-06-01', endOn: '2026-07-15', shortReason: null, draft, explanation: '起草说明。'.repeat(50) } };
const id = (await sql<{ id: string }>`insert into cases (type, number, region_code, org_id, state, title, data, filed_on, version, head_hash, created_at, updated_at)
  values ('major_decision', 'ZDJC-B-1', ${REGION}, ${org}, 'procedures', ${data.title}, ${JSON.stringify(data)}, '2026-06-01', 1, 'x', now(), now()) returning id`.execute(k)).rows[0].id;
await sql`insert into consultation_comments (case_id, region_code, body, body_public, created_at)
  select ${id}, ${REGION}, '建议第' || g || '条增加充电桩。', '建议第' || g || '条增加充电桩。', now() from generate_series(1, ${EXISTING}) g`.execute(k);

// the baseline: the same reads and one plain insert, on a bare Fastify (no validation, limit, encryption, masking, audit)
const bare = Fastify();
bare.get('/bare/:id', async (req) => {
  const cid = (req.params as { id: string }).id;
  const c = await sql<{ title: string; data: unknown }>`select title, data from cases where id = ${cid}`.execute(k);
  const m = await sql`select id, name_masked, body_public, answer, answer_reason, created_at from consultation_comments
    where case_id = ${cid} and status = 'shown'
    order by created_at`.execute(k);
  return { c: c.rows[0], comments: m.rows };
});
bare.post('/bare/:id', async (req, reply) => {
  const b = req.body as { body: string };
  const r = await sql<{ id: string }>`insert into consultation_comments (case_id, region_code, body, body_public, created_at)
    values (${(req.params as { id: string }).id}, ${REGION}, ${b.body}, ${b.body}, now()) returning id`.execute(k);
  return reply.status(201).send(r.rows[0]);
});
await bare.ready();

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
async function load(name: string, one: (i: number) => Promise<number>) {
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < R; i += C) {
    await Promise.all(Array.from({ length: Math.min(C, R - i) }, async (_, j) => {
      const s = performance.now();
      const status = await one(i + j);
      if (status >= 300) throw new Error(`${name}: ${status}`);
      times.push(performance.now() - s);
    }));
  }
  return { name, p50: pct(times, 50), p99: pct(times, 99), rps: R / ((performance.now() - t0) / 1000) };
}
const body = (i: number) => ({ body: `建议在第${i}个停车场配建充电桩，联系13900139000。`, name: '王小明', phone: '13900139000' });
const page = (i: number) => app.inject({ method: 'GET', url: `/api/v1/public/decisions/consultations/${id}`, remoteAddress: `10.0.${i % 250}.1` }).then((r) => r.statusCode);
const post = (i: number) => app.inject({ method: 'POST', url: `/api/v1/public/decisions/consultations/${id}/comments`, payload: body(i), remoteAddress: `10.1.${i % 250}.1` })
  .then((r) => r.statusCode);
const barePage = () => bare.inject({ method: 'GET', url: `/bare/${id}` }).then((r) => r.statusCode);
const barePost = (i: number) => bare.inject({ method: 'POST', url: `/bare/${id}`, payload: body(i) }).then((r) => r.statusCode);

await load('warm-up', page); await load('warm-up', barePage);
const rows = [];
for (const [a, b] of [[page, barePage], [post, barePost]] as const) {
  const x = await load(a === page ? 'consultation page' : 'comment submission', a);
  const y = await load(a === page ? 'bare read' : 'bare insert', b);
  rows.push({ route: x.name, p50: x.p50, p99: x.p99, rps: x.rps, bareP50: y.p50, bareP99: y.p99, bareRps: y.rps, ratioP50: x.p50 / y.p50, ratioP99: x.p99 / y.p99 });
}
console.log(`${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; ${R} requests each, ${C} at a time; ${EXISTING}+ comments on the page`);
for (const r of rows) {
  console.log(`${r.route}: p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms ${r.rps.toFixed(0)} req/s; bare p50 ${r.bareP50.toFixed(1)} ms p99 ${r.bareP99.toFixed(1)} ms `
    + `${r.bareRps.toFixed(0)} req/s; ratio p50 ${r.ratioP50.toFixed(2)}, p99 ${r.ratioP99.toFixed(2)}`);
}
await bare.close();
await app.close();
await db.close();
