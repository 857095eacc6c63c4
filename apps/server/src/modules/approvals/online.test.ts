/**
 * 一网通办 online applications (issue 11): one file per material on the checklist, sent with the application in one multipart
 * request and checked against the declared rule; the tracking page tells the applicant exactly what to resend on 补正.
 * Failure cases first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, multipart, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let clerk: Session;
let service: { id: string; code: string; materials: { name: string }[] };
beforeAll(async () => {
  env = await createTestEnv();
  clerk = await env.login('dispatcher');
  const all = (await anonymous(env.app).get('/api/v1/public/services')).json() as { id: string; code: string; online: boolean; materials: { name: string }[] }[];
  service = all.find((s) => s.online && s.materials.length >= 3)!;
});
afterAll(async () => { await env.close(); });

const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n%%EOF\n`);
const payload = () => ({ name: 'payload', value: JSON.stringify({ type: 'approval', input: {
  serviceId: service.id, channel: 'online', applicantName: '网上申请人', applicantPhone: '13700001111', materials: service.materials.slice(0, 2).map((m) => m.name),
} }) });
const send = (parts: Parameters<typeof multipart>[0]) => {
  const m = multipart(parts);
  return env.app.inject({ method: 'POST', url: '/api/v1/public/cases', payload: m.payload, headers: m.headers });
};
const cases = async () => Number((await env.ownerSql(`select count(*)::int as n from cases where type = 'approval'`)).rows[0].n);

describe('online application with materials: refused', () => {
  it('a file that is not PDF, JPG or PNG is named and nothing is created', async () => {
    const before = await cases();
    const r = await send([payload(), { name: 'files', filename: `${service.materials[0]!.name}-申请书.exe`, content: Buffer.from('MZ\x90\x00 not a document') }]);
    expect(r.statusCode, r.body).toBe(400);
    expect(JSON.stringify(r.json().errors)).toContain('body.files');
    expect(await cases()).toBe(before);
  });
});

describe('online application with materials: accepted', () => {
  it('the rule is published for the portal, unsourced and configurable', async () => {
    const r = (await anonymous(env.app).get('/api/v1/public/case-types/approval')).json();
    expect(r.attachments).toMatchObject({ maxFiles: 30, maxBytes: 10 * 1024 * 1024 });
    expect(r.attachments.basis).toContain('无全国统一规定');
  });

  it('one file per material is stored on the case under its material\'s name; a 补正 notice shows on tracking with exactly what to resend', async () => {
    const [a, b] = service.materials;
    const r = await send([payload(), { name: 'files', filename: `${a!.name}-scan.pdf`, content: pdf('a') }, { name: 'files', filename: `${b!.name}-scan.pdf`, content: pdf('b') }]);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().attachments).toBe(2);
    const { number, trackingCode } = r.json();
    const id = (await env.ownerSql('select id from cases where number = $1', [number])).rows[0].id as string;
    const files = (await clerk.get(`/api/v1/cases/${id}/files`)).json();
    const names = (Array.isArray(files) ? files : files.items).map((f: { name?: string; fileName?: string; filename?: string }) => f.name ?? f.fileName ?? f.filename);
    expect(names.sort()).toEqual([`${a!.name}-scan.pdf`, `${b!.name}-scan.pdf`].sort());

    // 一次告知: every material not yet sent, and what else is wrong
    const items = [...service.materials.slice(2).map((m) => m.name), '身份证复印件（须清晰）'];
    const notice = await clerk.post(`/api/v1/cases/${id}/actions`, { action: 'notify_correction', input: { items, note: '请于网上补传' } });
    expect(notice.statusCode, notice.body).toBe(200);
    const track = (await anonymous(env.app).get(`/api/v1/public/track/${number}?code=${trackingCode}`)).json();
    expect(track.answer).toMatchObject({ outcome: '请补正材料' });
    expect(track.answer.fields).toContainEqual({ label: '需补正的全部内容', value: items.join('；') });
    // without the code, nothing about it
    expect((await anonymous(env.app).get(`/api/v1/public/track/${number}?code=XXXXXXXX`)).statusCode).toBe(404);
  });
});
