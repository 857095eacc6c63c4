/**
 * The demo county 示范县 (region 990101 — "99" is no real province, so nobody mistakes the demo
 * for a real county): its government, departments, townships with villages, one user per role,
 * and each module's own demo records.
 */
import { analyzeDatabase } from '../platform/jobs/runner.ts';
import type { Role } from '@yifa/contracts';
import type { Ctx } from '../platform/context.ts';
import { createOrgInTrx } from '../platform/orgs/orgs.store.ts';
import { createUserInTrx } from '../platform/orgs/users.store.ts';
import { appendAuditInTrx } from '../platform/audit/chain.ts';
import { recomputeOpenClocks } from '../platform/time/ledger-store.ts';
import { designateInTrx } from '../platform/orgs/designations.ts';
import { PUBLISHED_DEMO_PASSWORD } from '../platform/auth/common-passwords.ts';

export const DEMO_REGION = '990101';
/** Published in the README: accepted for the demo seed only, refused for any user created or changed through the API. */
export const DEMO_PASSWORD = PUBLISHED_DEMO_PASSWORD;
const DEMO_ORGS_FROM = '2020-01-01';

export interface DemoCounty {
  region: string;
  govId: string;
  orgs: Record<string, string>;
  users: Record<string, string>;
}

const DEPARTMENTS: [string, string][] = [
  ['xzfb', '示范县人民政府办公室'], ['sfj', '示范县司法局'], ['xzspj', '示范县行政审批局'], ['scjgj', '示范县市场监督管理局'],
  ['sthjj', '示范县生态环境局'], ['zwfwj', '示范县政务服务和大数据管理局'], ['gaj', '示范县公安局'], ['zrzyj', '示范县自然资源局'],
  ['zjj', '示范县住房和城乡建设局'], ['jyj', '示范县教育局'], ['rsj', '示范县人力资源和社会保障局'], ['jtysj', '示范县交通运输局'],
];
const TOWNSHIPS: [string, string, string[]][] = [
  ['cgz', '城关镇', ['城东社区', '城西社区', '河坝村']],
  ['dgz', '东关镇', ['东关村', '青龙村']],
  ['xhx', '西河乡', ['西河村', '柳湾村']],
  ['nsz', '南山镇', ['南山村', '石板村']],
  ['bbx', '北坝乡', ['北坝村', '桃园村']],
  ['fmjd', '凤鸣街道', ['凤鸣社区', '文昌社区']],
];

/** A demo login: the spine's below; a module adds its own (e.g. a 审批 post) in its manifest's `demoUsers`. */
export interface DemoUser { username: string; name: string; org: string; role: Role; subtree: boolean; what: string; more?: { role: Role; org: string; subtree?: boolean }[] }

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', name: '王管理', org: 'zwfwj', role: 'admin', subtree: true, what: '系统管理员（全县）' },
  { username: 'leader', name: '李县长', org: 'gov', role: 'leader', subtree: true, what: '领导（全县驾驶舱）' },
  { username: 'supervisor', name: '赵督查', org: 'sfj', role: 'supervisor', subtree: true, what: '监督人员（司法局，全县）' },
  { username: 'dispatcher', name: '陈调度', org: 'zwfwj', role: 'dispatcher', subtree: true, what: '12345/窗口调度（全县）' },
  { username: 'reviewer', name: '孙审核', org: 'sfj', role: 'reviewer', subtree: false, what: '审核人员（司法局合法性审核）' },
  { username: 'handler', name: '周承办', org: 'scjgj', role: 'handler', subtree: false, what: '承办人（市场监督管理局）' },
  { username: 'township', name: '吴专干', org: 'cgz', role: 'handler', subtree: true, what: '承办人（城关镇及所辖村社区）' },
];

/** Every demo login: the spine's and the modules'. */
export function demoUsers(ctx: Ctx): DemoUser[] {
  return [...DEMO_USERS, ...ctx.registry.modules.flatMap((m) => m.demoUsers ?? [])];
}

/** Designate a demo org for a legal role from the day the demo orgs were established (module seeds call it for theirs). */
export async function designateDemo(ctx: Ctx, demo: DemoCounty, key: string, org: string): Promise<void> {
  await ctx.db.transaction().execute((trx) => designateInTrx(ctx, trx, {
    region: demo.region, key, orgId: demo.orgs[org], validFrom: DEMO_ORGS_FROM, basis: '示范县机构职能（演示数据）', actor: { id: null, name: '系统（演示数据）', ip: null },
  }));
}

export async function seedDemoCounty(ctx: Ctx, log: (msg: string) => void = () => undefined): Promise<DemoCounty> {
  const region = DEMO_REGION;
  const orgs: Record<string, string> = {};
  const users: Record<string, string> = {};
  const on = DEMO_ORGS_FROM;
  await ctx.db.transaction().execute(async (trx) => {
    orgs.gov = await createOrgInTrx(trx, { code: `${region}-gov`, kind: 'government', regionCode: region, creditCode: '11990101MB0000001X', name: '示范县人民政府', establishedOn: on });
    for (const [i, [code, name]] of DEPARTMENTS.entries()) {
      orgs[code] = await createOrgInTrx(trx, { code: `${region}-${code}`, kind: 'department', regionCode: region, creditCode: `11990101MB${String(100 + i).padStart(7, '0')}X`, name, parentId: orgs.gov, establishedOn: on });
    }
    for (const [code, name, villages] of TOWNSHIPS) {
      orgs[code] = await createOrgInTrx(trx, { code: `${region}-${code}`, kind: 'township', regionCode: region, name, parentId: orgs.gov, establishedOn: on });
      for (const [j, v] of villages.entries()) {
        orgs[`${code}-${j + 1}`] = await createOrgInTrx(trx, { code: `${region}-${code}-${j + 1}`, kind: 'village', regionCode: region, name: v, parentId: orgs[code], establishedOn: on });
      }
    }
    for (const u of demoUsers(ctx)) {
      users[u.username] = await createUserInTrx(trx, ctx.crypto, {
        username: u.username, displayName: u.name, orgId: orgs[u.org], password: DEMO_PASSWORD, demoSeed: true,
        grants: [{ role: u.role, orgId: orgs[u.org], subtree: u.subtree }, ...(u.more ?? []).map((g) => ({ role: g.role, orgId: orgs[g.org], subtree: g.subtree ?? false }))],
      }, null);
    }
    await appendAuditInTrx(trx, { id: null, name: '系统' }, { action: 'demo.seed', targetType: 'region', targetId: region, detail: { orgs: Object.keys(orgs).length, users: Object.keys(users).length } }, ctx.clock.now(), region);
  });
  log(`示范县：${Object.keys(orgs).length} 个机构，${Object.keys(users).length} 个用户`);
  const demo = { region, govId: orgs.gov, orgs, users };
  await designateDemo(ctx, demo, 'justice_bureau', 'sfj');
  for (const m of ctx.registry.modules) {
    if (m.seed) { await m.seed(ctx, demo); log(`  ${m.label}：演示数据已生成`); }
  }
  // Demo records were made "in the past": bring their warning levels up to today.
  await ctx.db.transaction().execute((trx) => recomputeOpenClocks(ctx, trx, ctx.clock.now()));
  // Statistics for the planner over what was just loaded (PGlite has no autovacuum).
  await analyzeDatabase(ctx);
  return demo;
}
