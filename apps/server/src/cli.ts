#!/usr/bin/env node
/**
 * yifa — the command line: serve, migrate, demo, import, calendar, audit verify, backup/restore, keys, decisions verify-archive.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig, type Config } from './config.ts';
import { ensureCalendar, makeContext, migrateConfigured, openDatabase } from './bootstrap.ts';
import { buildApp } from './app.ts';
import { seedDemoCounty, DEMO_PASSWORD, demoUsers } from './demo/seed.ts';
import { verifyChains } from './platform/audit/chain.ts';
import { createCheckpoint, verifyAgainstCheckpoint, type Checkpoint } from './platform/audit/checkpoints.ts';
import { loadCalendarYear } from './platform/time/calendar.routes.ts';
import { importOrgs } from './platform/orgs/orgs.routes.ts';
import { readTable } from './platform/io/tabular.ts';
import { startJobs } from './platform/jobs/runner.ts';
import { SEED_LOCK } from './platform/db/locks.ts';
import { newKeyHex, newSigningKeyPem } from './platform/crypto/field-crypto.ts';
import { pgDump, pgRestore, writePrivateFile } from './platform/db/backup.ts';
import type { Ctx } from './platform/context.ts';
import type { CalendarYearData } from '@yifa/contracts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const progressBar = (done: number, total: number) => {
  if (!process.stderr.isTTY || total === 0) return;
  const w = 30; const f = Math.round((done / total) * w);
  process.stderr.write(`\r[${'#'.repeat(f)}${'.'.repeat(w - f)}] ${done}/${total}`);
  if (done >= total) process.stderr.write('\n');
};

async function open(config: Config) {
  const { database, release } = await openDatabase(config);
  const applied = await migrateConfigured(config, database, (n) => out(`迁移：${n}`));
  const ctx = makeContext(config, database);
  const years = await ensureCalendar(ctx);
  if (years.length) out(`载入内置节假日安排：${years.join('、')}`);
  return { ctx, applied, close: async () => { await database.close(); release(); } };
}

/** Run `fn` holding a PostgreSQL session advisory lock (one process at a time); on the embedded database, just run it. */
async function whileHolding(ctx: Ctx, lockId: number, fn: () => Promise<void>): Promise<void> {
  if (ctx.database.kind !== 'postgres') return fn();
  await ctx.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${lockId})`.execute(conn);
    try { await fn(); } finally { await sql`select pg_advisory_unlock(${lockId})`.execute(conn); }
  });
}

async function isEmpty(ctx: Ctx) {
  return !(await ctx.db.selectFrom('orgs').select('id').limit(1).executeTakeFirst());
}

function printLogins(ctx: Ctx, url: string) {
  out('');
  out(`yifa 依法 已启动：${url}`);
  out(`  门户（公众）：${url}/`);
  out(`  工作台（工作人员）：${url}/console`);
  out(`  API 文档：${url}/api/docs`);
  out(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const u of demoUsers(ctx)) out(`  ${u.username.padEnd(11)} ${u.name}  ${u.what}`);
}

async function serve(config: Config) {
  const { ctx, close } = await open(config);
  // Several processes may start at once on one PostgreSQL: one seeds an empty database, the others wait and find it seeded.
  await whileHolding(ctx, SEED_LOCK, async () => {
    if (await isEmpty(ctx) && process.env.YIFA_DEMO !== 'off') {
      out('首次启动：生成示范县演示数据…');
      await seedDemoCounty(ctx, out);
    }
  });
  const app = await buildApp(ctx, { logger: { level: config.logLevel } });
  const stopJobs = config.jobs ? startJobs(ctx, (m, e) => app.log.error({ err: e }, m)) : () => undefined;
  const shutdown = async () => { stopJobs(); await app.close(); await close(); process.exit(0); };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  printLogins(ctx, `http://localhost:${config.port}`);
  if (config.session.secureCookie) {
    out('会话 Cookie 带 Secure，只经 HTTPS 发送（本机 http://localhost 在 Chrome、Firefox 中可用；'
      + '经局域网地址用纯 HTTP 访问时请设 COOKIE_SECURE=false，或经 HTTPS 反向代理）');
  }
  out(`数据库：${ctx.database.kind === 'pglite' ? `内嵌 PGlite（${config.dataDir}）` : 'PostgreSQL 服务器'}`);
}

async function main(argv: string[]) {
  const config = loadConfig();
  const [cmd, sub, arg] = argv;
  switch (cmd) {
    case undefined:
    case 'serve':
      return serve(config);
    case 'db': {
      if (sub !== 'types') throw new Error('用法：yifa db types [--check]');
      // Generated from a fresh in-memory database migrated by this checkout, never from the configured one.
      const { openPglite } = await import('./platform/db/client.ts');
      const { migrate } = await import('./platform/db/migrate.ts');
      const { generateSchemaTypes } = await import('./platform/db/codegen.ts');
      const { migrationSources } = await import('./bootstrap.ts');
      const db = await openPglite({});
      try {
        await migrate(db, migrationSources());
        const src = await generateSchemaTypes(db);
        const file = path.resolve(import.meta.dirname, 'platform/db/schema.gen.ts');
        const cur = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
        if (arg === '--check' || process.argv.includes('--check')) {
          if (cur !== src) { out('schema.gen.ts 与迁移不一致：请运行 npm run db:types 并提交'); process.exitCode = 1; } else out('schema.gen.ts 与迁移一致');
        } else if (cur !== src) { fs.writeFileSync(file, src); out(`已写入 ${path.relative(process.cwd(), file)}`); } else out('schema.gen.ts 已是最新');
      } finally { await db.close(); }
      return;
    }
    case 'migrate': {
      const { applied, close } = await open(config);
      out(applied.length ? `已应用 ${applied.length} 个迁移` : '数据库已是最新');
      return close();
    }
    case 'demo': {
      const { ctx, close } = await open(config);
      if (!(await isEmpty(ctx))) {
        if (sub !== '--reset') { out('数据库不为空。用 `yifa demo --reset` 清空后重新生成（将删除全部数据！）'); await close(); process.exitCode = 1; return; }
        await close();
        if (config.databaseUrl) throw new Error('为安全起见，--reset 只用于内嵌数据库；服务器数据库请手工重建');
        fs.rmSync(path.join(config.dataDir, 'pg'), { recursive: true, force: true });
        return main(['demo']);
      }
      await seedDemoCounty(ctx, out);
      return close();
    }
    case 'import': {
      if (sub !== 'orgs' && sub !== 'users') throw new Error('用法：yifa import orgs|users FILE.csv|xlsx');
      if (!arg) throw new Error('请给出文件路径');
      const { ctx, close } = await open(config);
      const table = await readTable(fs.readFileSync(arg), arg);
      if (sub === 'orgs') {
        const r = await importOrgs(ctx, table.rows, { kind: 'user', userId: null, name: '命令行导入', orgId: null, grants: [], ip: null });
        out(`共 ${r.total} 行，导入 ${r.imported} 行，拒绝 ${r.rejected.length} 行`);
        for (const x of r.rejected) out(`  第 ${x.row} 行：${x.errors.map((e) => `${e.column} ${e.message}`).join('；')}`);
      } else {
        out('用户导入请使用 API：POST /api/v1/users/import（需要管理员身份以记录授权人）');
      }
      return close();
    }
    case 'calendar': {
      if (sub !== 'load' || !arg) throw new Error('用法：yifa calendar load FILE.json（格式见 docs/WORKFLOWS.md：{year, notice, source, holidays:[{name, days}], workdays:[]}）');
      const data = JSON.parse(fs.readFileSync(arg, 'utf8')) as CalendarYearData;
      const { ctx, close } = await open(config);
      const r = await loadCalendarYear(ctx, data, { id: null, name: '命令行' });
      out(`${r.year} 年：放假 ${r.holidays} 天，调休上班 ${r.workdays} 天；重算进行中的期限 ${r.recomputedClocks} 件`);
      return close();
    }
    case 'decisions': {
      // yifa decisions verify-archive FILE.zip — offline: no database, no key
      if (sub !== 'verify-archive' || !arg) throw new Error('用法：yifa decisions verify-archive 归档文件.zip');
      const { verifyArchive } = await import('./modules/decisions/archive.ts');
      const r = verifyArchive(fs.readFileSync(arg));
      if (r.manifest) out(`${r.manifest.number} ${r.manifest.title}：清单 ${r.manifest.files.length} 个文件，事件 ${r.manifest.events} 条，chainHead ${r.manifest.chainHead}`);
      for (const p of r.problems) out(`  ✗ ${p}`);
      out(r.problems.length ? `发现 ${r.problems.length} 处问题` : '归档完整：每个文件的 SM3 与清单一致，事件链连续至 chainHead');
      process.exitCode = r.problems.length ? 2 : 0;
      return;
    }
    case 'audit': {
      // yifa audit verify [--checkpoint FILE [--public-key PEM_FILE]] | yifa audit checkpoint [FILE]
      if (sub !== 'verify' && sub !== 'checkpoint') throw new Error('用法：yifa audit verify [--checkpoint 文件 [--public-key 公钥文件]] | yifa audit checkpoint [文件]');
      const { ctx, close } = await open(config);
      if (sub === 'checkpoint') {
        const cp = await createCheckpoint(ctx);
        const file = arg ?? `yifa-checkpoint-${cp.body.createdAt.replace(/[:.]/g, '-')}.json`;
        fs.writeFileSync(file, `${JSON.stringify(cp, null, 2)}\n`, { mode: 0o600 });
        out(`已生成校验点（案件事件 ${cp.body.events.count} 条，审计链 ${cp.body.audit.length} 条，${cp.alg}）：${file}`);
        return close();
      }
      const flag = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
      const r = await verifyChains(ctx.db, progressBar);
      out(`已校验 ${r.checked} 条记录`);
      const cpFile = flag('--checkpoint');
      if (cpFile) {
        const cp = JSON.parse(fs.readFileSync(cpFile, 'utf8')) as Checkpoint;
        const pubFile = flag('--public-key');
        r.problems.push(...await verifyAgainstCheckpoint(ctx.db, cp, { crypto: ctx.crypto, publicKey: pubFile ? fs.readFileSync(pubFile, 'utf8') : undefined }));
        out(`已与校验点 ${cp.body.createdAt} 比对`);
      }
      for (const p of r.problems) out(`  ✗ ${p.message}`);
      out(r.problems.length ? `发现 ${r.problems.length} 处问题` : '哈希链完整，未发现篡改');
      await close();
      process.exitCode = r.problems.length ? 2 : 0;
      return;
    }
    case 'backup': {
      const dest = sub ?? `yifa-backup-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      if (config.databaseUrl) {
        pgDump(config.databaseUrl, `${dest}.dump`);
        out(`已备份到 ${dest}.dump（pg_dump 自定义格式，仅所有者可读）`);
        return;
      }
      const { ctx, close } = await open(config);
      const blob = await ctx.database.lite!.dumpDataDir('gzip');
      writePrivateFile(`${dest}.tar.gz`, Buffer.from(await blob.arrayBuffer()));
      writePrivateFile(`${dest}.keys.json`, fs.readFileSync(path.join(config.dataDir, 'keys.json')));
      out(`已备份到 ${dest}.tar.gz 及密钥 ${dest}.keys.json（均仅所有者可读；请分开妥善保管）`);
      return close();
    }
    case 'restore': {
      if (!sub) throw new Error('用法：yifa restore BACKUP(.tar.gz|.dump)');
      if (config.databaseUrl) {
        pgRestore(config.databaseUrl, sub);
        out('已从 pg_dump 备份恢复');
        return;
      }
      const target = path.join(config.dataDir, 'pg');
      if (fs.existsSync(target)) throw new Error(`数据目录 ${target} 已存在；为防止覆盖，请先移走它`);
      const { openPglite, lockDataDir } = await import('./platform/db/client.ts');
      const release = lockDataDir(config.dataDir);
      const buf = fs.readFileSync(sub);
      const db = await openPglite({ dir: target, loadDataDir: new Blob([buf]) });
      await db.close();
      const keys = sub.replace(/\.tar\.gz$/, '.keys.json');
      if (fs.existsSync(keys)) writePrivateFile(path.join(config.dataDir, 'keys.json'), fs.readFileSync(keys));
      release();
      out(`已恢复到 ${target}`);
      return;
    }
    case 'keys': {
      if (sub === 'generate') { out(newKeyHex()); return; }
      if (sub === 'signing') { out(newSigningKeyPem()); return; }
      if (sub === 'rotate' || sub === 'reencrypt') {
        if (sub === 'rotate') {
          if (config.databaseUrl || config.dataKey) throw new Error('密钥来自环境变量时，请在 YIFA_DATA_KEY 中加入新密钥并设为 current（JSON 密钥环），然后运行 yifa keys reencrypt');
          const file = path.join(config.dataDir, 'keys.json');
          const ring = JSON.parse(fs.readFileSync(file, 'utf8')) as { current: string; keys: Record<string, string> };
          const kid = `k${Object.keys(ring.keys).length + 1}`;
          ring.keys[kid] = newKeyHex();
          ring.current = kid;
          fs.writeFileSync(`${file}.tmp`, JSON.stringify(ring, null, 2), { mode: 0o600 });
          fs.renameSync(`${file}.tmp`, file);
          out(`新密钥 ${kid} 已设为当前密钥（旧密钥保留用于解密）`);
        }
        const { ctx, close } = await open(config);
        const { reencryptAll } = await import('./platform/crypto/rotate.ts');
        const r = await reencryptAll(ctx, progressBar);
        out(`已用当前密钥 ${ctx.crypto.current} 重新加密 ${r.rewritten} 个字段`);
        return close();
      }
      throw new Error('用法：yifa keys generate | signing | rotate | reencrypt');
    }
    default:
      throw new Error(`未知命令 ${cmd}。可用：serve | migrate | demo [--reset] | import orgs FILE | calendar load FILE | audit verify | backup [NAME] | restore FILE | keys generate | decisions verify-archive FILE`);
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`错误：${err.message}\n`);
  if (process.env.YIFA_DEBUG) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
