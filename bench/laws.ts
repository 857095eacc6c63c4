/**
 * 法律法规目录 at scale (PGlite, or PostgreSQL with BENCH_DATABASE_URL):
 * - search of a catalogue of 50,000 laws by two-character words (listLaws: jieba query tokens, GIN over tokens[], count,
 *   status, open flags, first page), p50/p99 as a ratio to a bare indexed query (`tokens @> …` first page) in the same run;
 * - the basis-change flag over 50,000 citations of one law (flagCitationsInTrx, as an amendment does) as a ratio to a bare
 *   UPDATE of the same rows in the same run.
 *   npx tsx bench/laws.ts      (BENCH_LAWS, BENCH_CITATIONS, BENCH_QUERIES to change the sizes)
 */
import { sql } from 'kysely';
import { openPglite, openPostgres } from '../apps/server/src/platform/db/client.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { migrationSources } from '../apps/server/src/bootstrap.ts';
import { FLAG_REASONS, flagCitationsInTrx, lawRow, listLaws, type LawFields } from '../apps/server/src/modules/laws/store.ts';
import { queryTokens } from '../apps/server/src/platform/publication/tokens.ts';

const N = Number(process.env.BENCH_LAWS ?? 50_000);
const C = Number(process.env.BENCH_CITATIONS ?? 50_000);
const Q = Number(process.env.BENCH_QUERIES ?? 200);
const REGION = '880101';
const db = process.env.BENCH_DATABASE_URL ? await openPostgres(process.env.BENCH_DATABASE_URL) : await openPglite({});
await migrate(db, migrationSources());
const k = db.db;
await sql`delete from law_citations where region_code = ${REGION}`.execute(k);
await sql`delete from laws where region_code = ${REGION}`.execute(k);
await sql`delete from cases where region_code = ${REGION}`.execute(k);
await sql`insert into orgs (code, kind, region_code, name, path, established_on) values ('880101-sfj', 'department', '880101', '司法局', '/bench-sfj/', '2020-01-01')
  on conflict do nothing`.execute(k);
const orgId = (await k.selectFrom('orgs').select('id').where('code', '=', '880101-sfj').executeTakeFirstOrThrow()).id;

// A catalogue: places × subjects × forms, every title distinct.
const PLACES = ['中华人民共和国', '示范省', '示范市', '东海省', '西山市', '南湖省', '北川市', '青山省'];
const SUBJECTS = ['食品安全', '道路运输', '城乡规划', '河道管理', '安全生产', '环境保护', '政府信息公开', '行政复议', '优化营商环境', '消防', '水土保持', '农村公路',
  '物业管理', '文物保护', '野生动物保护', '市容和环境卫生', '燃气管理', '烟花爆竹安全', '城市供水', '房屋征收'];
const FORMS: [string, LawFields['level']][] = [['法', '法律'], ['条例', '地方性法规'], ['办法', '地方政府规章'], ['规定', '部门规章'], ['实施细则', '地方政府规章']];
const now = new Date();
const t0 = performance.now();
for (let i = 0; i < N; i += 1000) {
  const rows = [];
  for (let j = i; j < Math.min(N, i + 1000); j++) {
    const [form, level] = FORMS[j % FORMS.length];
    const y = 1990 + (j % 35);
    const l: LawFields = {
      title: `${PLACES[j % PLACES.length]}${SUBJECTS[Math.floor(j / PLACES.length) % SUBJECTS.length]}${form}（第${j}号）`, issuer: `${PLACES[j % PLACES.length]}人民政府`,
      level, docNo: '', note: '', promulgatedOn: `${y}-03-01`, effectiveOn: `${y}-07-01`, amendedOn: j % 3 ? [] : [`${y + 5}-03-01`],
      repealedOn: j % 17 ? null : `${y + 8}-01-01`,
    };
    rows.push({ regionCode: REGION, ...lawRow(l, now) });
  }
  await k.insertInto('laws').values(rows).execute();
}
const t1 = performance.now();
console.log(`catalogue: ${N} laws inserted with their tokens in ${((t1 - t0) / 1000).toFixed(1)} s`);
await sql`analyze laws`.execute(k);

const WORDS = ['食品', '运输', '规划', '河道', '安全', '环境', '公开', '复议', '营商', '消防', '水土', '公路', '物业', '文物', '燃气', '供水', '征收', '示范省 条例'];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const timeIt = async (f: () => Promise<unknown>) => { const s = performance.now(); await f(); return performance.now() - s; };
const search: number[] = []; const bare: number[] = [];
let hits = 0;
for (let i = 0; i < Q; i++) {
  const q = WORDS[i % WORDS.length];
  // alternate the order so neither side always runs on a warmer cache
  const a = async () => { const r = await listLaws(k, REGION, { q, on: '2026-06-15', limit: 50, offset: 0 }); hits += r.total; };
  const tokens = queryTokens(q);
  const b = () => sql`select id, title from laws where region_code = ${REGION} and tokens @> ${sql.val(tokens)}::text[] order by promulgated_on desc limit 50`.execute(k);
  if (i % 2) { search.push(await timeIt(a)); bare.push(await timeIt(b)); } else { bare.push(await timeIt(b)); search.push(await timeIt(a)); }
}
const [s50, s99, b50, b99] = [pct(search, 0.5), pct(search, 0.99), pct(bare, 0.5), pct(bare, 0.99)];
console.log(`search (${Q} queries, avg ${(hits / Q).toFixed(0)} matches): p50 ${s50.toFixed(2)} ms, p99 ${s99.toFixed(2)} ms; bare indexed query p50 ${b50.toFixed(2)} ms,`
  + ` p99 ${b99.toFixed(2)} ms; ratio p50 ${(s50 / b50).toFixed(2)}, p99 ${(s99 / b99).toFixed(2)}`);

// 50,000 citations of one law by documents in force since 2010 (10 articles each over C/10 cases).
const law = (await k.selectFrom('laws').select('id').where('regionCode', '=', REGION).orderBy('title').limit(1).executeTakeFirstOrThrow()).id;
const cases = Math.ceil(C / 10);
await sql`insert into cases (type, number, region_code, org_id, state, title, filed_on, version, head_hash, created_at, updated_at)
  select 'legality_review', 'BENCH-' || g, ${REGION}, ${orgId}, 'concluded', '基准文件' || g, '2010-01-01', 1, '', now(), now() from generate_series(1, ${cases}) g`.execute(k);
await sql`insert into law_citations (region_code, law_id, case_id, article, effective_on, cited_at)
  select ${REGION}, ${law}, c.id, '第' || a || '条', '2010-06-01'::date + (a * 30), now() from cases c cross join generate_series(1, 10) a
  where c.region_code = ${REGION} limit ${C}`.execute(k);
await sql`analyze law_citations`.execute(k);
const reset = () => sql`update law_citations set flagged_at = null, flag_reason = null, flag_change_on = null where law_id = ${law}`.execute(k);
const runs = 5;
const flag: number[] = []; const upd: number[] = [];
let flagged = 0;
for (let i = 0; i < runs; i++) {
  await reset();
  flag.push(await timeIt(() => k.transaction().execute(async (trx) => { flagged = await flagCitationsInTrx(trx, law, '2026-06-01', FLAG_REASONS.amended, now); })));
  await reset();
  upd.push(await timeIt(() => k.transaction().execute((trx) => sql`update law_citations set flagged_at = now(), flag_reason = '法律依据已修改', flag_change_on = '2026-06-01'
    where law_id = ${law} and effective_on < '2026-06-01'`.execute(trx))));
}
const [f50, u50] = [pct(flag, 0.5), pct(upd, 0.5)];
console.log(`flagging ${flagged} citations (median of ${runs}): ${f50.toFixed(0)} ms; bare UPDATE ${u50.toFixed(0)} ms; ratio ${(f50 / u50).toFixed(2)}`
  + ` (${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);
await db.close();
