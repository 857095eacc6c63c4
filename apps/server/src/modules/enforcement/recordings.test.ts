/**
 * 全过程记录 (issue 15; 行政处罚法第四十七条, 118号): failures first — a file that is not audio/video, an act that needs no recording,
 * a caller who cannot see the case, `attach_recording` called by a user (the upload's system act: 403) — then the gap an act the county's
 * setting lists opens (on the case's facts, the supervision view, the metric 全过程记录缺失 with its drill-down), closed by the recording
 * (SM3 kept), an Idempotency-Key replay that stores nothing twice, a second recording refused, and a setting that lists only 送达.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, multipart, type Session, type TestEnv } from '../../../test/harness.ts';
import { orgIds } from '../../../test/factories.ts';
import { sm3 } from '../../platform/crypto/sm.ts';

let env: TestEnv;
let handler: Session; let supervisor: Session; let leader: Session; let township: Session;
let power = '';
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(64, 7)]);
const act = (s: Session, id: string, action: string, input: Record<string, unknown> = {}) => s.post(`/api/v1/cases/${id}/actions`, { action, input });
function upload(s: Session, caseId: string, seq: number | string, file: { filename: string; content: Buffer }, headers: Record<string, string> = {}) {
  const m = multipart([{ name: 'seq', value: String(seq) }, { name: 'file', ...file }]);
  return env.app.inject({ method: 'POST', url: `/api/v1/enforcement/cases/${caseId}/recordings`, payload: m.payload,
    headers: { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers } });
}
const facts = async (id: string) => Object.fromEntries((await handler.get(`/api/v1/cases/${id}`)).json().facts
  .map((f: { key: string; value: unknown }) => [f.key, f.value]));

beforeAll(async () => {
  env = await createTestEnv();
  [handler, supervisor, leader, township] = await Promise.all(['handler', 'supervisor', 'leader', 'township'].map((u) => env.login(u)));
  const orgs = await orgIds(env);
  power = (await leader.get('/api/v1/powers/items?q=CF-001')).json().items[0].id;
  for (const no of ['REC-0001', 'REC-0002']) {
    expect((await handler.post('/api/v1/enforcement/officers', { orgId: orgs.scjgj, certNo: no, name: '测试员', fields: ['市场监管'],
      issuedOn: '2025-01-01', expiresOn: '2028-12-31' })).statusCode).toBe(201);
  }
});
afterAll(async () => { await env.close(); });

async function investigated() {
  const c = await handler.post('/api/v1/cases', { type: 'penalty_case', input: { powerId: power, field: '市场监管', partyKind: 'organisation',
    parties: { name: '示范县某某超市' }, facts: '销售超过保质期的食品。' } });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const r = await act(handler, id, 'investigate', { officerCertNos: ['REC-0001', 'REC-0002'], record: '现场检查，执法记录仪全程录像' });
  expect(r.statusCode, r.body).toBe(200);
  return { id, number: c.json().number as string, seq: r.json().version as number };
}

describe('failures first', () => {
  it('refuses a file that is not audio/video, an act needing none, a caller who cannot see the case, attach_recording called directly', async () => {
    const { id, seq } = await investigated();
    const pdf = await upload(handler, id, seq, { filename: 'record.mp4', content: Buffer.from('%PDF-1.4 not a video') });
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().errors).toEqual([{ path: 'body.file', message: expect.stringContaining('不是录像或录音文件') }]);
    const noSeq = await upload(handler, id, 'x', { filename: 'a.mp4', content: MP4 });
    expect(noSeq.json().errors).toEqual([{ path: 'body.seq', message: '请选择执法环节' }]);
    const filing = await upload(handler, id, 1, { filename: 'a.mp4', content: MP4 });
    expect(filing.statusCode).toBe(400);
    expect(filing.json().errors).toEqual([{ path: 'body.input.seq', message: '第 1 步不是须音像记录的执法环节' }]);
    expect((await upload(township, id, seq, { filename: 'a.mp4', content: MP4 })).statusCode).toBe(404);
    // attach_recording is the upload's act: not offered to users, refused when called directly (even with a file of another case)
    const other = await investigated();
    const up = await upload(handler, other.id, other.seq, { filename: 'b.mp4', content: MP4 });
    expect(up.statusCode, up.body).toBe(201);
    const forged = await act(handler, id, 'attach_recording', { uploadedBy: '周承办', seq, kind: '录像', fileId: up.json().fileId, sm3: up.json().sm3,
      filename: 'b.mp4' });
    expect(forged.statusCode).toBe(403);
    expect((await handler.get(`/api/v1/cases/${id}`)).json().abilities.actions.map((a: { name: string }) => a.name)).not.toContain('attach_recording');
    expect((await env.ownerSql(`select count(*)::int as n from files where case_id = $1`, [id])).rows[0].n).toBe(0);
  });
});

describe('odd uploads (review)', () => {
  it('a zero-byte file, a video with a document name, a PDF sent as video/mp4, a bad case id: each a 400 naming the field; a closed case 409', async () => {
    const { id, seq } = await investigated();
    const empty = await upload(handler, id, seq, { filename: 'empty.mp4', content: Buffer.alloc(0) });
    expect(empty.statusCode, empty.body).toBe(400);
    expect(empty.json().errors[0].path).toBe('body.file');
    expect((await upload(handler, id, seq, { filename: 'video.pdf', content: MP4 })).json().errors[0].path).toBe('body.file');
    const bad = await upload(handler, 'not-a-uuid', seq, { filename: 'a.mp4', content: MP4 });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0].path).toBe('params.id');
    await env.ownerSql(`update cases set state = 'closed' where id = $1`, [id]);
    const closed = await upload(handler, id, seq, { filename: 'late.mp4', content: MP4 });
    expect(closed.statusCode, closed.body).toBe(409);
    expect((await env.ownerSql(`select count(*)::int as n from files where case_id = $1`, [id])).rows[0].n).toBe(0);
  });
});

describe('the gap and its recording', () => {
  it('an act the setting lists opens a gap on the case, the supervision view and the metric; the recording closes it', async () => {
    const { id, number, seq } = await investigated();
    expect((await facts(id)).recordingGaps).toEqual([`调查取证（现场检查）（2026-06-15，第 ${seq} 步）缺音像记录`]);
    const view = await handler.get(`/api/v1/enforcement/recordings?number=${encodeURIComponent(number)}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().acts).toEqual([{ seq, act: 'investigate', label: '调查取证（现场检查）', on: '2026-06-15' }]);
    const sup = (await supervisor.get('/api/v1/enforcement/supervision?flagged=true&limit=200')).json();
    expect(sup.items.find((i: { id: string }) => i.id === id).flags).toContain('全过程记录缺失');
    const metric = async () => (await leader.get('/api/v1/metrics/enforcement.recording_gaps?from=2026-06-01&to=2026-06-30')).json();
    const before = (await metric()).value as number;
    const drill = (await leader.get('/api/v1/metrics/enforcement.recording_gaps/drilldown?from=2026-06-01&to=2026-06-30')).json();
    expect(JSON.stringify(drill)).toContain(number);

    const key = { 'idempotency-key': `rec-${id}` };
    const up = await upload(handler, id, seq, { filename: '现场检查.mp4', content: MP4 }, key);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toEqual({ fileId: expect.any(String), sm3: sm3(MP4), kind: '录像', seq });
    const replay = await upload(handler, id, seq, { filename: '现场检查.mp4', content: MP4 }, key);
    expect(replay.json()).toEqual(up.json());
    expect((await env.ownerSql(`select count(*)::int as n from files where case_id = $1`, [id])).rows[0].n).toBe(1);
    expect((await facts(id)).recordingGaps).toBeUndefined();
    expect((await handler.get(`/api/v1/enforcement/recordings?id=${id}`)).json().acts[0]).toMatchObject({ fileId: up.json().fileId, sm3: sm3(MP4),
      kind: '录像' });
    const twice = await upload(handler, id, seq, { filename: 'again.mp4', content: MP4 });
    expect(twice.json().errors[0]).toMatchObject({ path: 'body.input.seq', message: expect.stringContaining('已有音像记录') });
    const after = (await supervisor.get('/api/v1/enforcement/supervision?flagged=true&limit=200')).json();
    expect(after.items.find((i: { id: string }) => i.id === id)).toBeUndefined();
    expect((await metric()).value).toBe(before - 1);
  });

  it('the county setting decides which acts need a recording (the one in force on the day of the act)', async () => {
    const admin = await env.login('admin');
    const cur = (await admin.get('/api/v1/settings/enforcement')).json();
    const put = await admin.put('/api/v1/settings/enforcement', { values: { ...cur.values, recordingActs: ['deliver'] } });
    expect(put.statusCode, put.body).toBe(200);
    const { id } = await investigated();
    expect((await facts(id)).recordingGaps).toBeUndefined();
    const bad = await admin.put('/api/v1/settings/enforcement', { values: { ...cur.values, recordingActs: ['decide'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.values.recordingActs.0');
  });
});
