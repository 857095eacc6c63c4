/**
 * 权责清单 XLSX import of 5,200 items (PGlite, or PostgreSQL with BENCH_DATABASE_URL): time to
 * parse the workbook and import it (validation, items + approved 'import' adjustments, audit), as a
 * ratio to a bare multi-row INSERT of the same rows into powers_items measured in the same run.
 *   npx tsx bench/powers-import.ts
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { openPglite, openPostgres } from '../apps/server/src/platform/db/client.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { makeContext, migrationSources } from '../apps/server/src/bootstrap.ts';
import { ManualClock } from '../apps/server/src/platform/clock.ts';
import { readTable } from '../apps/server/src/platform/io/tabular.ts';
import { importItems, itemFields, XLSX_COLUMNS, ITEM_TYPES, type Snapshot } from '../apps/server/src/modules/powers/store.ts';
import type { Actor } from '../apps/server/src/platform/authz.ts';
import { TEST_KEYRING, testConfig } from '../apps/server/test/template.ts';

const N = Number(process.env.BENCH_ITEMS ?? 5200);
const REGION = '880101';
const db = process.env.BENCH_DATABASE_URL ? await openPostgres(process.env.BENCH_DATABASE_URL) : await openPglite({});
await migrate(db, migrationSources());
const k = db.db;
const ctx = makeContext({ ...testConfig(), defaultRegion: REGION }, db, { clock: new ManualClock('2026-06-15T10:00:00+08:00'), keyring: TEST_KEYRING });
await sql`delete from powers_adjustments where region_code in ('880101','880102')`.execute(k);
await sql`delete from powers_items where region_code in ('880101','880102')`.execute(k);
await sql`insert into orgs (code, kind, region_code, name, path, established_on) select '880101-d' || g, 'department', '880101', '部门' || g, '/x' || g || '/', '2020-01-01' from generate_series(1, 20) g on conflict do nothing`.execute(k);
await sql`insert into orgs (code, kind, region_code, name, path, established_on) select '880101-t' || g, 'township', '880101', '乡镇' || g, '/y' || g || '/', '2020-01-01' from generate_series(1, 6) g on conflict do nothing`.execute(k);

// A 权责清单 in the documented layout: mostly county items, some township 法定/赋予, some delegated.
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('权责清单');
ws.addRow([...XLSX_COLUMNS]);
for (let i = 1; i <= N; i++) {
  const town = i % 25 === 0;
  const delegated = !town && i % 40 === 0;
  ws.addRow([
    `B-${String(i).padStart(5, '0')}`, `基准职权事项${i}`, ITEM_TYPES[i % 10], town ? `880101-t${1 + (i % 6)}` : `880101-d${1 + (i % 20)}`,
    `《基准法》`, `第${1 + (i % 90)}条`, '受理；审查；决定；送达；事后监管', town ? '乡镇' : '县级', town ? (i % 2 ? '法定' : '赋予') : '',
    delegated ? '是' : '否', delegated ? '2024-03-01' : '', delegated ? '880101-t1,880101-t2' : '', '2024-01-01',
  ]);
}
const buf = Buffer.from(await wb.xlsx.writeBuffer());
console.log(`workbook: ${N} rows, ${(buf.length / 1024).toFixed(0)} KiB`);

const actor: Actor = { kind: 'user', userId: null, name: '基准', orgId: null, grants: [], ip: null };
const t0 = performance.now();
const table = await readTable(buf, 'bench.xlsx');
const t1 = performance.now();
let last = 0;
const report = await importItems(ctx, table.rows, actor, REGION, (done) => { last = done; });
const t2 = performance.now();
if (report.imported !== N || report.rejected.length) throw new Error(`import rejected rows: ${JSON.stringify(report.rejected.slice(0, 3))}`);

// Baseline: the same rows, already parsed, as bare multi-row INSERTs (500 per statement) in one transaction.
const orgIds = new Map((await k.selectFrom('orgs').select(['id', 'code']).where('regionCode', '=', REGION).execute()).map((o) => [o.code, o.id]));
const now = new Date();
const snaps: Snapshot[] = table.rows.map(({ values: v }) => ({
  code: v['职权编码'], name: v['职权名称'], type: v['职权类型'] as Snapshot['type'], orgId: orgIds.get(v['实施主体编码'])!, basisLaw: v['实施依据'], basisArticle: v['依据条款'],
  duties: v['责任事项'].split('；'), level: v['层级'] === '县级' ? 'county' : 'township', townshipKind: (v['乡镇类别'] || null) as Snapshot['townshipKind'],
  delegable: v['可下放'] === '是', status: 'active', delegatedOn: v['下放日期'] || null, delegatedUntil: null, delegatedTo: [], version: 1,
}));
const t3 = performance.now();
await k.transaction().execute(async (trx) => {
  for (let i = 0; i < snaps.length; i += 500) {
    await trx.insertInto('powersItems').values(snaps.slice(i, i + 500).map((s) => ({ regionCode: '880102', ...itemFields(s, now) }))).execute();
  }
});
const t4 = performance.now();

const parse = t1 - t0;
const imp = t2 - t1;
const bare = t4 - t3;
console.log(`progress reported up to ${last}/${N}`);
console.log(`parse XLSX ${parse.toFixed(0)} ms; import ${imp.toFixed(0)} ms (items + adjustments + audit); bare multi-row insert ${bare.toFixed(0)} ms`);
console.log(`ratio import/bare ${(imp / bare).toFixed(2)}; (parse+import)/bare ${((parse + imp) / bare).toFixed(2)} (${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);
await db.close();
