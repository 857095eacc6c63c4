import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { allJobs, runJob } from '../../platform/jobs/runner.ts';
import { reportReminderJob } from './jobs.ts';

let env: TestEnv;
const at = (d: string) => new Date(`${d}T09:00:00+08:00`);
const notices = async (like: string) => (await env.ownerSql(
  `select n.org_id, o.kind, n.title, n.dedupe_key from notifications n join orgs o on o.id = n.org_id where n.dedupe_key like $1 order by n.dedupe_key`, [like],
)).rows as { org_id: string; kind: string; title: string; dedupe_key: string }[];
let orgs: { id: string; kind: string }[];

beforeAll(async () => {
  env = await createTestEnv();
  orgs = (await env.ownerSql(`select id, kind from orgs where region_code = $1 and dissolved_on is null and kind in ('government', 'department', 'township')`, [env.ctx.config.defaultRegion])).rows as { id: string; kind: string }[];
});
afterAll(async () => { await env.close(); });

describe('年报提醒 job (条例第四十九条)', () => {
  it('is declared in the module manifest and runs through the job runner', () => {
    expect(allJobs(env.ctx).map((j) => j.name)).toContain('disclosure-report-reminders');
  });

  it('nothing more than 10 days before 31 January; departments within 10 days, once; then late, once; the government by 31 March; a published report stops them', async () => {
    const depts = orgs.filter((o) => o.kind !== 'government');
    const govs = orgs.filter((o) => o.kind === 'government');
    expect(depts.length).toBeGreaterThan(0);
    expect(govs.length).toBeGreaterThan(0);
    // 2027-01-20: 11 days before 01-31 → nothing.
    env.clock.set(at('2027-01-20'));
    expect(await runJob(env.ctx, reportReminderJob, env.clock.now())).toMatchObject({ year: 2026, dueSoon: 0, late: 0 });
    expect(await notices('disclosure.report:2026:%')).toHaveLength(0);
    // 2027-01-21: 10 days left → every department (and township), not the government.
    env.clock.set(at('2027-01-21'));
    await runJob(env.ctx, reportReminderJob, env.clock.now());
    let n = await notices('disclosure.report:2026:%');
    expect(n.map((x) => x.org_id).sort()).toEqual(depts.map((o) => o.id).sort());
    expect(n.every((x) => x.dedupe_key.endsWith(':due_soon') && x.title.includes('即将到期'))).toBe(true);
    // Rerun a few days later: once per level.
    env.clock.set(at('2027-01-25'));
    await runJob(env.ctx, reportReminderJob, env.clock.now());
    expect(await notices('disclosure.report:2026:%')).toHaveLength(depts.length);
    // One department publishes its 2026 report (status published), the others are late on 02-01.
    const done = depts[0].id;
    await env.ownerSql(`insert into disclosure_reports (org_id, region_code, scope, year, status, published_on, updated_at)
      values ($1, $2, 'org', 2026, 'published', '2027-01-30', now())
      on conflict (region_code, org_id, scope, year) do update set status = 'published', published_on = '2027-01-30'`, [done, env.ctx.config.defaultRegion]);
    env.clock.set(at('2027-02-01'));
    await runJob(env.ctx, reportReminderJob, env.clock.now());
    await runJob(env.ctx, reportReminderJob, env.clock.now());
    const late = (await notices('disclosure.report:2026:%:late'));
    expect(late.map((x) => x.org_id).sort()).toEqual(depts.filter((o) => o.id !== done).map((o) => o.id).sort());
    expect(late[0].title).toContain('已逾期');
    // The government: 10 days before 03-31, then late on 04-01.
    env.clock.set(at('2027-03-21'));
    await runJob(env.ctx, reportReminderJob, env.clock.now());
    n = await notices('disclosure.report:2026:government:%');
    expect(n.map((x) => x.org_id).sort()).toEqual(govs.map((o) => o.id).sort());
    env.clock.set(at('2027-04-01'));
    await runJob(env.ctx, reportReminderJob, env.clock.now());
    expect(await notices('disclosure.report:2026:government:%:late')).toHaveLength(govs.length);
  });
});
