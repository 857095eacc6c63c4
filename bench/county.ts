/**
 * Shape the benchmark's data like a county, not one org and one counter: extra departments and townships beside the
 * demo county's, and background cases of every registered type spread over all orgs (holders, a first event, a running
 * clock for half of them, as the deadline sweep would leave it), so that indexes, partial indexes and the planner's choices look like a county's. The numbers
 * use a prefix of their own (BG-) so the types' own counters are not touched. BENCH_CASES sets the count.
 */
import { sql } from 'kysely';
import { analyzeDatabase } from '../apps/server/src/platform/jobs/runner.ts';
import type { Ctx } from '../apps/server/src/platform/context.ts';
import { createOrgInTrx } from '../apps/server/src/platform/orgs/orgs.store.ts';
import { DEMO_REGION, type DemoCounty } from '../apps/server/src/demo/seed.ts';

export async function shapeCounty(ctx: Ctx, demo: DemoCounty): Promise<{ orgs: string[]; departments: string[]; townships: string[]; cases: number }> {
  const n = Number(process.env.BENCH_CASES ?? (process.env.BENCH_QUICK === '1' ? 5_000 : 30_000));
  const departments: string[] = [];
  const townships: string[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 1; i <= 40; i++) {
      departments.push(await createOrgInTrx(trx, {
        code: `${DEMO_REGION}-bd${i}`, kind: 'department', regionCode: DEMO_REGION, name: `基准部门${i}`, parentId: demo.orgs.gov, establishedOn: '2020-01-01',
      }));
    }
    for (let i = 1; i <= 20; i++) {
      townships.push(await createOrgInTrx(trx, {
        code: `${DEMO_REGION}-bt${i}`, kind: 'township', regionCode: DEMO_REGION, name: `基准镇${i}`, parentId: demo.orgs.gov, establishedOn: '2020-01-01',
      }));
    }
  });
  const orgs = (await ctx.db.selectFrom('orgs').select('id').where('regionCode', '=', DEMO_REGION).execute()).map((o) => o.id);
  const types = [...ctx.registry.caseTypes.values()].map((t) => [t.workflow.type, t.workflow.initial]);
  const arr = (xs: string[]) => sql.raw(`array['${xs.join("','")}']`);
  await sql`insert into cases (id, type, number, region_code, org_id, state, title, data, filed_on, version, head_hash, due_at, created_at, updated_at)
    select gen_random_uuid(), (${arr(types.map((t) => t[0]))})[1 + g % ${types.length}], 'BG-' || g, ${DEMO_REGION},
      (${arr(orgs)}::uuid[])[1 + g % ${orgs.length}],
      (${arr(types.map((t) => t[1]))})[1 + g % ${types.length}], '背景案件 ' || g, '{}'::jsonb, date '2026-01-01' + (g % 300), 1, 'bench',
      timestamptz '2026-01-01 09:00+08' + ((g % 330) || ' days')::interval, timestamptz '2026-01-01 09:00+08' + ((g % 300) || ' days')::interval, now()
    from generate_series(1, ${n}::int) g`.execute(ctx.db);
  await sql`insert into case_orgs (case_id, org_id, role, since) select id, org_id, 'owner', created_at from cases where number like 'BG-%'`.execute(ctx.db);
  await sql`insert into case_events (case_id, seq, action, to_state, actor_name, input, public, occurred_at, prev_hash, hash)
    select id, 1, 'open', state, '基准', '{}'::jsonb, true, created_at, 'bench', 'bench' from cases where number like 'BG-%'`.execute(ctx.db);
  // A running clock of 20 days counted in hours (no calendar needed), started 0–14 days ago: 6–20 days left, so the state
  // stored (running, normal, due_at) is what the deadline sweep computes — it finds nothing to change, as in a county
  // whose sweep has run.
  await sql`with c as (select id, date_trunc('second', now()) - (substr(number, 4)::int % 15) * interval '1 day' as at
      from cases where number like 'BG-%' and substr(number, 4)::int % 2 = 0)
    insert into clocks (case_id, key, rule_key, label, basis, yellow_within, entries, status, level, due_at, updated_at)
    select id, 'bench', 'bench', '基准期限', 'bench', 3, jsonb_build_array(jsonb_build_object('kind', 'start',
        'at', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'unit', 'hours', 'length', 480)),
      'running', 'normal', at + interval '480 hours', now()
    from c`.execute(ctx.db);
  await sql`update cases c set due_at = k.due_at from clocks k where k.case_id = c.id and k.key = 'bench'`.execute(ctx.db);
  await analyzeDatabase(ctx);
  return { orgs, departments, townships, cases: n };
}
