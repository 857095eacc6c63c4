/**
 * Metrics on a generated history, imported through the CSV import (which replays every ticket
 * through the engine at its own dates). Expected figures are computed here from the generated
 * rows alone: on-time and late replies are generated far from the limit (≤ 2 or ≥ 25 calendar
 * days for a 5-working-day rule, ≤ 2 h or ≥ 30 h for the 24-hour signing limit), so whether an
 * answer was on time does not depend on the ledger under test; only the day a late or unanswered
 * ticket's deadline fell (which places it in a period) is read from the official calendar data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueFrom, endOfLegalDate, legalDateOf, OFFICIAL_CALENDAR, WorkCalendar } from '@yifa/contracts';
import { createTestEnv, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let dispatcher: Session; let leader: Session; let handler: Session;
beforeAll(async () => { env = await createTestEnv(); [dispatcher, leader, handler] = await Promise.all(['dispatcher', 'leader', 'handler'].map((u) => env.login(u))); });
afterAll(async () => { await env.close(); });

function multipart(filename: string, content: string) {
  const boundary = '----yifa' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function prng(seed: number) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const HEAD = ['受理时间', '渠道', '诉求类型', '事项编码', '诉求内容', '乡镇', '联系电话', '即时答复', '主办单位', '派单时间', '签收时间', '答复时间', '办理结果', '答复内容', '回访时间', '满意度', '是否解决', '办结时间'];
const fmt = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const CATS: [string, string][] = [['01.02', '示范县市场监督管理局'], ['04.02', '示范县人力资源和社会保障局'], ['05.01', '示范县教育局'], ['06.01', '城关镇']];
const CH: [string, string][] = [['电话', 'phone'], ['网站', 'web'], ['书记县长信箱', 'mailbox']];

interface Gen {
  channel: string; line: 'hotline' | 'mailbox'; accepted: Date; month: string; instant: boolean; dispatched: boolean; signed: Date | null; signLate: boolean;
  replied: Date | null; late: boolean; callback: boolean; sat: string | null; resolved: boolean | null; closed: boolean;
}
const gen: Gen[] = [];
function generate(n: number): string {
  const rnd = prng(20260615);
  const lines = [HEAD.join(',')];
  for (let i = 0; i < n; i++) {
    const month = 1 + Math.floor(rnd() * 4);
    const day = 1 + Math.floor(rnd() * 28);
    const accepted = new Date(`2026-0${month}-${String(day).padStart(2, '0')}T${String(8 + Math.floor(rnd() * 10)).padStart(2, '0')}:15:00+08:00`);
    const [chZh, ch] = CH[Math.floor(rnd() * CH.length)];
    const [cat, org] = CATS[Math.floor(rnd() * CATS.length)];
    const instant = ch !== 'mailbox' && rnd() < 0.15;
    const h = (hours: number) => new Date(accepted.getTime() + hours * 3_600_000);
    const row: Record<string, string> = { 受理时间: fmt(accepted), 渠道: chZh, 诉求类型: instant ? '咨询' : '投诉', 事项编码: cat, 诉求内容: `第${i}号测试诉求，关于${cat}事项的具体情况说明。`, 乡镇: '城关镇', 联系电话: `1380000${String(i).padStart(4, '0')}` };
    const g: Gen = { channel: ch, line: ch === 'mailbox' ? 'mailbox' : 'hotline', accepted, month: `2026-0${month}`, instant, dispatched: false, signed: null, signLate: false, replied: null, late: false, callback: false, sat: null, resolved: null, closed: false };
    if (instant) {
      row['即时答复'] = '已当场答复诉求人相关政策规定。';
      g.replied = accepted; g.closed = true;
    } else if (rnd() < 0.9) {
      row['主办单位'] = org; row['派单时间'] = fmt(h(1)); g.dispatched = true;
      if (rnd() < 0.92) {
        g.signLate = rnd() < 0.2;
        g.signed = h(g.signLate ? 31 : 2); row['签收时间'] = fmt(g.signed);
        if (rnd() < 0.85) {
          g.late = rnd() < 0.25;
          g.replied = h(g.late ? 25 * 24 : 40); row['答复时间'] = fmt(g.replied); row['办理结果'] = '已解决'; row['答复内容'] = '已按规定办理并电话答复诉求人。';
          if (rnd() < 0.8) {
            g.callback = true; row['回访时间'] = fmt(new Date(g.replied.getTime() + 24 * 3_600_000));
            if (rnd() < 0.9) {
              g.sat = ['满意', '基本满意', '不满意'][Math.floor(rnd() * 3)]; g.resolved = rnd() < 0.7;
              row['满意度'] = g.sat; row['是否解决'] = g.resolved ? '是' : '否';
            }
            if (rnd() < 0.7) { g.closed = true; row['办结时间'] = fmt(new Date(g.replied.getTime() + 48 * 3_600_000)); }
          }
        }
      }
    }
    gen.push(g);
    lines.push(HEAD.map((k) => row[k] ?? '').join(','));
  }
  return lines.join('\n');
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 100);
const cal = WorkCalendar.fromData(OFFICIAL_CALENDAR);
/** The citizen clock's deadline (5 working days, every generated category): the end of its last day. */
const citizenDue = (g: Gen) => endOfLegalDate(dueFrom(cal, legalDateOf(g.accepted), 5, 'workdays').dueDate!).getTime();
const FROM = '2026-01-01'; const TO = '2026-04-30';
async function metric(key: string, groupBy?: string) {
  const r = await leader.get(`/api/v1/metrics/${key}?from=${FROM}&to=${TO}${groupBy ? `&groupBy=${groupBy}` : ''}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('import of historical tickets', () => {
  it('403 for a handler; 400 for a missing column and for bad rows, each named by row and column', async () => {
    const f = multipart('t.csv', '受理时间,诉求类型\n2026-01-05 09:00,投诉');
    expect((await handler.post('/api/v1/hotline/import', f.body, f.headers)).statusCode).toBe(403);
    const r = await dispatcher.post('/api/v1/hotline/import', f.body, f.headers);
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['file.columns.事项编码', 'file.columns.诉求内容']);
    const bad = multipart('t.csv', [HEAD.join(','), '2026-13-01 09:00,传真,投诉,01.02,内容内容内容内容,火星镇,,,,,,,,,,,,', '2026-01-05 09:00,电话,投诉,99.99,内容内容内容内容,,,,,,,,,,,,,', '2026-01-05 09:00,电话,投诉,01.02,内容内容内容内容,,,,示范县市场监督管理局,2026-01-06 09:00,2026-01-05 10:00,,,,,,,'].join('\n'));
    const b = await dispatcher.post('/api/v1/hotline/import', bad.body, bad.headers);
    expect(b.statusCode).toBe(200);
    expect(b.json().imported).toBe(0);
    expect(b.json().errors).toEqual(expect.arrayContaining([
      { row: 2, column: '受理时间', message: '时间格式应为 YYYY-MM-DD HH:mm' }, { row: 2, column: '渠道', message: '应为 电话 / 网站 / 书记县长信箱' }, { row: 2, column: '乡镇', message: '没有该乡镇（街道）' },
      { row: 3, column: '事项编码', message: '派单目录中没有该事项（或不是末级事项）' }, { row: 4, column: '签收时间', message: '不能早于前一环节的时间' },
    ]));
  });

  it('imports a generated year of tickets with their dates and callbacks', async () => {
    const csv = generate(160);
    const f = multipart('history.csv', csv);
    const r = await dispatcher.post('/api/v1/hotline/import', f.body, f.headers);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().errors.slice(0, 3)).toEqual([]);
    expect(r.json()).toMatchObject({ imported: 160, rejected: 0 });
    const events = await env.ownerSql(`select min(occurred_at) as m from case_events e join cases c on c.id = e.case_id where c.type = 'hotline_ticket' and c.data->>'channel' in ('phone','web','mailbox') and c.filed_on < '2026-05-01'`);
    expect(new Date(events.rows[0].m as string).getTime()).toBeLessThan(new Date('2026-02-01T00:00:00+08:00').getTime());
  }, 240_000);
});

describe('metrics on the generated history, hotline and mailbox separately', () => {
  for (const line of ['hotline', 'mailbox'] as const) {
    it(`${line}: 受理量 by channel and month`, async () => {
      const mine = gen.filter((g) => g.line === line);
      const m = await metric(`${line}.intake`, 'month');
      expect(m.value).toBe(mine.length);
      const byMonth = Object.fromEntries(m.groups.map((g: { key: string; value: number }) => [g.key, g.value]));
      for (const mo of ['2026-01', '2026-02', '2026-03', '2026-04']) expect(byMonth[mo] ?? 0).toBe(mine.filter((g) => g.month === mo).length);
      const ch = await metric(`${line}.intake`, 'channel');
      for (const g of ch.groups) expect(g.value).toBe(mine.filter((x) => x.channel === g.key).length);
    });

    it(`${line}: 按时办结率, 办结率, 响应率, 回访率, 满意率, 解决率, 平均办理时长`, async () => {
      const mine = gen.filter((g) => g.line === line);
      // each rate places a ticket in the period by its own date: the reply, the callback, the dispatch — and an
      // on-time rate by the day its outcome was settled: the act if in time, else the deadline (answered or not)
      const END = new Date('2026-04-30T23:59:59.999+08:00').getTime();
      const replied = mine.filter((g) => g.replied && g.replied.getTime() <= END);
      const settled = mine.map((g) => ({ g, met: !!g.replied && !g.late, at: g.replied && !g.late ? g.replied.getTime() : citizenDue(g) })).filter((x) => x.at <= END);
      expect(await metric(`${line}.on_time_rate`)).toMatchObject({ value: ratio(settled.filter((x) => x.met).length, settled.length), denominator: settled.length, unknown: 0 });
      expect(settled.length).toBeGreaterThan(replied.length); // the unanswered overdue tickets are in
      expect(await metric(`${line}.answered_on_time_rate`)).toMatchObject({ value: ratio(replied.filter((g) => !g.late).length, replied.length), denominator: replied.length });
      expect((await metric(`${line}.completion_rate`)).value).toBe(ratio(mine.filter((g) => g.replied).length, mine.length));
      const dispatched = mine.filter((g) => g.dispatched);
      expect((await metric(`${line}.response_rate`)).value).toBe(ratio(dispatched.filter((g) => g.signed && !g.signLate).length, dispatched.length));
      // 回访率 over the 办结 (答复), 即时答复 included
      expect((await metric(`${line}.callback_rate`)).value).toBe(ratio(replied.filter((g) => g.callback).length, replied.length));
      const rated = mine.filter((g) => g.sat && g.replied!.getTime() + 24 * 3_600_000 <= END);
      expect(await metric(`${line}.satisfaction_rate`)).toMatchObject({ value: ratio(rated.filter((g) => g.sat !== '不满意').length, rated.length), denominator: rated.length });
      expect((await metric(`${line}.resolution_rate`)).value).toBe(ratio(rated.filter((g) => g.resolved).length, rated.length));
      const hours = replied.reduce((s, g) => s + (g.replied!.getTime() - g.accepted.getTime()) / 3_600_000, 0);
      expect((await metric(`${line}.avg_handling_hours`)).value).toBe(replied.length ? Math.round((hours / replied.length) * 100) / 100 : null);
      expect((await metric(`${line}.return_rate`)).value).toBe(dispatched.length ? 0 : null);
    });
  }

  it('drill-down returns the tickets behind a number, and an unknown groupBy is a 400', async () => {
    const END = new Date('2026-04-30T23:59:59.999+08:00').getTime();
    const late = gen.filter((g) => g.line === 'hotline' && (!g.replied || g.late) && citizenDue(g) <= END).length;
    const d = await leader.get(`/api/v1/metrics/hotline.on_time_rate/drilldown?from=${FROM}&to=${TO}&part=denominator&limit=500`);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().items.filter((i: { outcome: string }) => i.outcome === '逾期').length).toBe(late);
    const n = await leader.get(`/api/v1/metrics/hotline.on_time_rate/drilldown?from=${FROM}&to=${TO}&part=numerator&limit=500`);
    expect(n.json().items.every((i: { outcome: string; inNumerator: boolean }) => i.outcome === '按时' && i.inNumerator)).toBe(true);
    expect((await leader.get('/api/v1/metrics/hotline.intake?groupBy=colour')).statusCode).toBe(400);
  });

  it('hotspots compare with the previous period; keywords come from segmented text', async () => {
    const r = await leader.get('/api/v1/hotline/hotspots?from=2026-04-01&to=2026-04-30&line=hotline');
    expect(r.statusCode, r.body).toBe(200);
    const inApr = gen.filter((g) => g.line === 'hotline' && g.month === '2026-04').length;
    const inMar = gen.filter((g) => g.line === 'hotline' && g.month === '2026-03').length;
    const town = r.json().townships.find((t: { key: string }) => t.key === '城关镇');
    if (inApr > inMar) expect(town).toMatchObject({ current: inApr, previous: inMar - gen.filter((g) => g.line === 'hotline' && g.month === '2026-03' && g.accepted.getUTCDate() === 1).length });
    else expect(town).toBeUndefined();
    const k = await leader.get('/api/v1/hotline/keywords?from=2026-01-01&to=2026-04-30&line=mailbox&top=5');
    expect(k.json().tickets).toBe(gen.filter((g) => g.line === 'mailbox').length);
    expect(k.json().keywords.map((w: { word: string }) => w.word)).toContain('测试');
    expect((await handler.get('/api/v1/hotline/keywords')).statusCode).toBe(403);
  });
});
