/**
 * The 办事指南's downloads (issue 11): a blank form and a sample per material. Failures first — who may upload, what may be
 * uploaded, a material naming a file that is not a service file — then the guide lists the files and the portal serves
 * exactly those, and only while the service is in force.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestEnv, multipart, type Session, type TestEnv } from '../../../test/harness.ts';

let env: TestEnv;
let admin: Session;
type Material = { name: string; required: boolean; blankFormFileId?: string; sampleFileId?: string };
type Svc = { id: string; code: string; name: string; powerId: string; orgId: string; statutoryDays: number; promisedDays: number; instant: boolean;
  materials: (Material & { blankForm: { id: string; filename: string; size: number } | null; sample: unknown })[]; baselineMaterials: number; fees: string;
  guide: string; online: boolean; status: string };

beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.login('admin');
});
afterAll(async () => { await env.close(); });

const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n%%EOF\n`);
async function upload(s: Session | null, filename: string, content: Buffer) {
  const m = multipart([{ name: 'file', filename, content }]);
  const headers = s ? { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } : m.headers;
  return env.app.inject({ method: 'POST', url: '/api/v1/powers/service-files', payload: m.payload, headers });
}
const body = (x: Svc, materials: Material[]) => ({ powerId: x.powerId, orgId: x.orgId, code: x.code, name: x.name, statutoryDays: x.statutoryDays,
  promisedDays: x.promisedDays, instant: x.instant, materials, baselineMaterials: x.baselineMaterials, fees: x.fees, guide: x.guide, online: x.online,
  status: x.status });
const plain = (ms: Svc['materials']): Material[] => ms.map(({ name, required }) => ({ name, required }));
async function service(code: string): Promise<Svc> {
  return ((await admin.get('/api/v1/powers/services')).json() as Svc[]).find((s) => s.code === code)!;
}

describe('uploading a blank form: failures first', () => {
  it('401 without login; a type applicants cannot open (TXT) or a file that lies about its type is 415; an empty file is 400', async () => {
    expect((await upload(null, '申请书.pdf', pdf('x'))).statusCode).toBe(401);
    const txt = await upload(admin, '申请书.txt', Buffer.from('纯文本'));
    expect(txt.statusCode).toBe(415);
    expect(txt.json().detail).toContain('只接受 PDF、PNG、JPG、DOCX、XLSX、OFD 文件');
    expect((await upload(admin, '申请书.pdf', Buffer.from('not a pdf'))).statusCode).toBe(415);
    expect((await upload(admin, '申请书.pdf', Buffer.alloc(0))).statusCode).toBe(400);
  });

  it('a material naming an unknown file, or a case attachment, is refused field by field', async () => {
    const svc = await service('FW-001');
    // a file stored for something else (a case's attachment) is not a service file
    await env.ownerSql(`insert into file_blobs (sm3, content) values ('stray', '\\x25504446') on conflict do nothing`);
    const stray = (await env.ownerSql(`insert into files (sm3, size, mime, filename, created_at) values ('stray', 4, 'application/pdf', '别的附件.pdf', now())
      returning id`)).rows[0].id as string;
    const materials = plain(svc.materials);
    materials[0] = { ...materials[0], blankFormFileId: '00000000-0000-4000-8000-000000000000' };
    materials[1] = { ...materials[1], sampleFileId: stray };
    const r = await admin.put(`/api/v1/powers/services/${svc.id}`, body(svc, materials));
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([
      { path: 'body.materials.0.blankFormFileId', message: '文件不存在，请重新上传' },
      { path: 'body.materials.1.sampleFileId', message: '文件不存在，请重新上传' },
    ]);
    const bad = await admin.put(`/api/v1/powers/services/${svc.id}`, body(svc, [{ ...materials[0], blankFormFileId: 'x' }]));
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.materials.0.blankFormFileId']);
  });
});

describe('the guide offers the forms to download', () => {
  it('staff upload a blank form and a sample, names them on a material; the portal lists and serves them, nothing else', async () => {
    const svc = await service('FW-001');
    const form = await upload(admin, '食品经营许可申请书（空白）.pdf', pdf('blank'));
    expect(form.statusCode, form.body).toBe(201);
    const sample = await upload(admin, '食品经营许可申请书（样表）.pdf', pdf('sample'));
    const unused = await upload(admin, '未引用.pdf', pdf('unused'));
    const materials = plain(svc.materials);
    materials[0] = { ...materials[0], blankFormFileId: form.json().id, sampleFileId: sample.json().id };
    const saved = await admin.put(`/api/v1/powers/services/${svc.id}`, body(svc, materials));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().changed).toEqual(['materials']);

    const guide = (await anonymous(env.app).get(`/api/v1/public/services/${svc.id}`)).json() as Svc;
    expect(guide.materials[0].blankForm).toMatchObject({ id: form.json().id, filename: '食品经营许可申请书（空白）.pdf', size: pdf('blank').length });
    expect(guide.materials[0].sample).toMatchObject({ id: sample.json().id });
    expect(guide.materials[1].blankForm).toBeNull();

    const got = await anonymous(env.app).get(`/api/v1/public/services/${svc.id}/files/${form.json().id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf('blank'))).toBe(true);
    expect(got.headers['content-disposition']).toContain(encodeURIComponent('食品经营许可申请书（空白）.pdf'));
    // a file the service does not list, and a listed file asked for under another service, are not served
    expect((await anonymous(env.app).get(`/api/v1/public/services/${svc.id}/files/${unused.json().id}`)).statusCode).toBe(404);
    const other = await service('FW-002');
    expect((await anonymous(env.app).get(`/api/v1/public/services/${other.id}/files/${form.json().id}`)).statusCode).toBe(404);
    // the upload and the change are audited
    const audit = (await env.ownerSql(`select action from audit_log where target_id in ($1, $2) order by seq`, [form.json().id, svc.id])).rows.map((r) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['file.upload', 'powers.service.update']));

    // a suspended service serves none
    const now = await service('FW-001');
    expect((await admin.put(`/api/v1/powers/services/${svc.id}`, { ...body(now, now.materials.map(({ blankForm: _b, sample: _s, ...m }) => m)),
      status: 'suspended' })).statusCode).toBe(200);
    expect((await anonymous(env.app).get(`/api/v1/public/services/${svc.id}/files/${form.json().id}`)).statusCode).toBe(404);
  });
});
