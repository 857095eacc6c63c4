/**
 * 政府信息公开工作年度报告 on a county with 100,000 proactive items and 10,000 requests (30 times the seed county's
 * 3,261 items and 65 times its 153 requests): time to compute tables 二, 三, 四 + figures (buildReport), as a ratio to
 * the bare SQL counts over the same rows measured in the same run — on PGlite, then on PostgreSQL when
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) answers, in a database of its own.
 *   npx tsx bench/disclosure-report.ts          (BENCH_PG=off: PGlite only)
 */
import { sql } from 'kysely';
import { openPglite, openPostgres, type Database } from '../apps/server/src/platform/db/client.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { migrationSources } from '../apps/server/src/bootstrap.ts';
import { buildReport } from '../apps/server/src/modules/disclosure/report.ts';
import { createBenchDatabase, dropBenchDatabase } from './backend.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function measure(db: Database, name: string) {
  await migrate(db, migrationSources());
  const k = db.db;
  const t0 = performance.now();
  await sql`insert into orgs (code, kind, region_code, name, path, established_on)
    select '880101-d' || g, 'department', '880101', '部门' || g, '/' || g || '/', '2020-01-01' from generate_series(1, 20) g`.execute(k);
  await sql`update orgs set path = '/' || id || '/' where region_code = '880101'`.execute(k);
  await sql`insert into cases (type, number, region_code, org_id, state, title, data, filed_on, version, head_hash, created_at, updated_at)
    select 'disclosure_request', 'GK-B-' || g, '880101', (select id from orgs where code = '880101-d' || (1 + g % 20)), 'answered', '申请' || g, '{}',
      date '2025-06-01' + (g % 500), 1, 'x', now(), now() from generate_series(1, 10000) g`.execute(k);
  await sql`insert into disclosure_requests (case_id, region_code, org_id, channel, applicant_kind, received_on, state, leaf, closed_on, updated_at)
    select c.id, c.region_code, c.org_id, 'online',
      (array['natural','business','research','public_interest','legal_service','other'])[1 + (row_number() over ()) % 6],
      c.filed_on, 'answered', case when random() < 0.1 then null else (array['1','2','3.4','4.1','5.2','6.3'])[1 + (row_number() over ()) % 6] end,
      null, now() from cases c where c.region_code = '880101'`.execute(k);
  await sql`update disclosure_requests set closed_on = received_on + 12 where leaf is not null`.execute(k);
  await sql`insert into disclosure_items (region_code, org_id, index_no, title, category, formed_on, published_on, status, tokens, created_at, updated_at)
    select '880101', (select id from orgs where code = '880101-d' || (1 + g % 20)), 'B/' || g, '信息' || g,
      (array['art20_1_rule','art20_1_normative','art20_5_license','art20_6_penalty','art20_6_coercion','art20_8_fee','art20_2','art20_14'])[1 + g % 8],
      date '2025-01-01' + (g % 700), date '2025-01-05' + (g % 700), 'published', '{}', now(), now() from generate_series(1, 100000) g`.execute(k);
  await sql`analyze`.execute(k);
  console.log(`generated in ${Math.round(performance.now() - t0)} ms`);

  const scope = { regionCode: '880101', orgPath: null, year: 2026, now: new Date() };
  const meta = {
    scope: 'government' as const, orgId: '00000000-0000-0000-0000-000000000000', orgName: '基准县', docNo: null, status: 'draft' as const, sections: {},
    publishedOn: null,
  };
  async function bare() {
    await sql`select count(*) from disclosure_requests where region_code = '880101' and received_on <= '2026-12-31'
      and (closed_on is null or closed_on >= '2026-01-01')`.execute(k);
    await sql`select count(*) from disclosure_items where region_code = '880101' and status = 'published'`.execute(k);
    await sql`select count(*) from disclosure_remedies where region_code = '880101'`.execute(k);
}
const time = async (fn: () => Promise<unknown>, n = 7) => {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) { const s = performance.now(); await fn(); xs.push(performance.now() - s); }
  return xs.sort((a, b) => a - b)[Math.floor(n / 2)];
};
await bare(); await buildReport(k, scope, meta);
const b = await time(bare);
const r = await time(() => buildReport(k, scope, meta));
const rep = await buildReport(k, scope, meta);
  console.log(`report 2026: new=${rep.table3.new.total} carried_in=${rep.table3.carried_in.total} closed=${rep.table3.closed.total} `
    + `carried_out=${rep.table3.carried_out.total} problems=${rep.problems.length}`);
console.log(`bare counts ${b.toFixed(1)} ms; full report ${r.toFixed(1)} ms; ratio ${(r / b).toFixed(2)} (median of 7, ${name})`);
}

const lite = await openPglite({});
try { await measure(lite, 'PGlite'); } finally { await lite.close(); }
const url = process.env.BENCH_PG === 'off' ? null : await createBenchDatabase(ADMIN_URL);
if (url) {
  const pg = await openPostgres(url);
  try { await measure(pg, 'PostgreSQL'); } finally { await pg.close(); await dropBenchDatabase(ADMIN_URL); }
} else {
  console.log('PostgreSQL: skipped');
}
