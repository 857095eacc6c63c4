/**
 * 统一登记号: gap-free and never reused. A property test over random batches of registering transactions run concurrently,
 * some of which fail after taking their number (a later step of the registration fails and the transaction rolls back):
 * the committed numbers are exactly 1..k with no duplicate. Then the XLSX import of an existing registry: rejected rows
 * reported per row and column, and the counter moved past the imported numbers so that none is given again.
 */
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, multipart, type TestEnv } from '../../../test/harness.ts';
import { allocateRegNoInTrx } from './registry-no.ts';
import { validUntilOf } from './validity.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(async () => { await env.close(); });

describe('登记号', () => {
  it('property: under interleaved transactions and rollbacks the committed numbers are 1..k, no gap, no duplicate', async () => {
    let year = 3000;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ fails: fc.boolean(), delay: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 12 }),
      async (ops) => {
        const y = year++;
        const committed: number[] = [];
        await Promise.all(ops.map(async (op) => {
          try {
            const seq = await env.ctx.db.transaction().execute(async (trx) => {
              const r = await allocateRegNoInTrx(trx, '990101', y, 'SXGS');
              expect(r.regNo).toBe(`SXGS—${y}—${r.seq}`);
              for (let i = 0; i < op.delay; i++) await new Promise((res) => setTimeout(res, 1));
              if (op.fails) throw new Error('a later step of the registration failed');
              return r.seq;
            });
            committed.push(seq);
          } catch (e) {
            if ((e as Error).message !== 'a later step of the registration failed') throw e;
          }
        }));
        const k = ops.filter((o) => !o.fails).length;
        expect([...committed].sort((a, b) => a - b)).toEqual(Array.from({ length: k }, (_, i) => i + 1));
      },
    ), { numRuns: 25 });
  });

  it('validity: N years from the 施行日期 end the day before (29 February → 28 February)', () => {
    expect(validUntilOf('2026-07-01', 5)).toBe('2031-06-30');
    expect(validUntilOf('2024-02-29', 1)).toBe('2025-02-27');
    expect(validUntilOf('2026-01-01', 2)).toBe('2027-12-31');
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 5 }), (d, n) => {
      const on = d.toISOString().slice(0, 10);
      const end = validUntilOf(on, n);
      return end > on && Number(end.slice(0, 4)) - Number(on.slice(0, 4)) <= n && Number(end.slice(0, 4)) - Number(on.slice(0, 4)) >= n - 1;
    }));
  });
});

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('登记簿');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('登记簿 import', () => {
  it('403 for a drafting handler; rejected rows per row and column; imported documents in the registry; the counter moves past them', async () => {
    const handler = await env.login('handler');
    const reviewer = await env.login('reviewer');
    const head = ['统一登记号', '发文字号', '文件名称', '制定机关', '公文种类', '管理事项类别', '公布日期', '施行日期', '有效期至', '状态', '废止或失效日期'];
    const buf = await xlsx([head,
      ['SXGS—2026—40', '示市监规〔2026〕40号', '示范县旧版广告管理办法', '示范县市场监督管理局', '办法', '市场监管', '2026-01-10', '2026-02-01', '2031-01-31', '现行有效', ''],
      ['SXGS-2026-41', '示市监规2026年41号', '示范县某办法', '不存在的局', '小说', '市场监管', '2026-13-01', '2026-02-01', '', '有效', ''],
      ['SXGS—2025—9', '示政规〔2025〕9号', '示范县旧办法', '示范县人民政府', '办法', '其他', '2025-03-01', '2025-03-01', '', '已废止', ''],
    ]);
    const m = multipart([{ name: 'file', filename: '登记簿.xlsx', content: buf }]);
    expect((await handler.post('/api/v1/normative/registry/import', m.payload, m.headers)).statusCode).toBe(403);
    const r = await reviewer.post('/api/v1/normative/registry/import', m.payload, m.headers);
    expect(r.statusCode, r.body).toBe(200);
    const out = r.json();
    expect(out).toMatchObject({ imported: 1, rejected: 2 });
    const byRow = (row: number) => out.errors.filter((e: { row: number }) => e.row === row).map((e: { column: string }) => e.column).sort();
    expect(byRow(3)).toEqual(['公布日期', '公文种类', '制定机关', '发文字号', '状态', '统一登记号']);
    expect(byRow(4)).toEqual(['废止或失效日期']);
    const again = await reviewer.post('/api/v1/normative/registry/import', m.payload, m.headers);
    expect(again.json().errors.filter((e: { row: number; column: string }) => e.row === 2).map((e: { message: string }) => e.message)).toEqual(['该登记号已存在，登记号不得重复使用']);
    const reg = (await reviewer.get(`/api/v1/normative/registry?q=${encodeURIComponent('广告')}`)).json();
    expect(reg.items.find((i: { regNo: string }) => i.regNo === 'SXGS—2026—40')).toMatchObject({ state: 'in_force', stateLabel: '现行有效' });
    const next = await env.ctx.db.transaction().execute((trx) => allocateRegNoInTrx(trx, '990101', 2026, 'SXGS'));
    expect(next.seq).toBe(41);
  });
});

describe('征求意见 comments are rate-limited per IP', () => {
  it('429 after a tenth of the public limit per minute from one address; another address still comments', async () => {
    const limited = await createTestEnv({ config: { rateLimit: { login: 1000, public: 30 } } });
    try {
      const open = (await limited.app.inject({ method: 'GET', url: '/api/v1/public/normative/consultations' })).json().find((c: { open: boolean }) => c.open);
      const post = (ip: string) => limited.app.inject({ method: 'POST', url: `/api/v1/public/normative/consultations/${open.id}/comments`, remoteAddress: ip,
        payload: { body: '建议明确摊位费的公示方式和时间。' } });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await post('203.0.113.7')).statusCode);
      expect(codes).toEqual([201, 201, 201, 429]);
      expect((await post('203.0.113.8')).statusCode).toBe(201);
    } finally { await limited.close(); }
  });
});
