/**
 * Figures read from a replica (issue 12, DATABASE_READ_URL): the metrics API — values, drill-downs and their exports — and the
 * hotline's figures read `ctx.readDb`; writes, and the reads of a write, stay on the primary. Here the "replica" is the same
 * database seen through a counting plugin, so what goes where is visible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { createTestEnv, type Session, type TestEnv } from '../harness.ts';
import { openDatabase } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config.ts';

let env: TestEnv;
let leader: Session; let handler: Session;
let reads = 0;
const counting: KyselyPlugin = { transformQuery: (a) => { reads++; return a.node; }, transformResult: async (a) => a.result };

beforeAll(async () => {
  env = await createTestEnv();
  [leader, handler] = await Promise.all([env.login('leader'), env.login('handler')]);
  env.ctx.readDb = env.ctx.db.withPlugin(counting);
});
afterAll(async () => { await env.close(); });

describe('DATABASE_READ_URL', () => {
  it('is refused without a PostgreSQL server (an embedded database has no replica)', async () => {
    const config = loadConfig({ DATABASE_READ_URL: 'postgres://replica.invalid/yifa' } as NodeJS.ProcessEnv);
    await expect(openDatabase(config)).rejects.toThrow('DATABASE_READ_URL 只能与 DATABASE_URL');
  });

  it('figures and their records are read from the replica; a write and its response are not', async () => {
    const q = 'from=2026-01-01&to=2026-12-31';
    reads = 0;
    expect((await leader.get(`/api/v1/metrics/cases.filed?${q}`)).statusCode).toBe(200);
    expect(reads).toBeGreaterThan(0);
    const afterValue = reads;
    expect((await leader.get(`/api/v1/metrics/cases.filed/drilldown?${q}`)).statusCode).toBe(200);
    expect((await leader.get(`/api/v1/metrics/hotline.on_time_rate/drilldown?${q}&format=xlsx`)).statusCode).toBe(200);
    expect(reads).toBeGreaterThan(afterValue);
    expect((await leader.get(`/api/v1/hotline/hotspots?${q}`)).statusCode).toBe(200);
    reads = 0;
    const me = (await handler.get('/api/v1/auth/session')).json().user;
    const r = await handler.post('/api/v1/cases', { type: 'legality_review', input: { title: '关于只读副本的测试办法', draftingOrgId: me.orgId, docKind: '办法',
      summary: '本办法规定了测试事项的管理要求。' } });
    expect(r.statusCode, r.body).toBe(201);
    expect(reads).toBe(0);
  });
});
