import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, PostgresQueryCompiler, CamelCasePlugin, sql, type KyselyPlugin, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.gen.ts';
import { DatabaseUnavailable } from './unavailable.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Anything a query can run on: the database or an open transaction. */
export type Conn = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Run a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the embedded instance (backup, clone). */
  lite?: import('@electric-sql/pglite').PGlite;
  /** A read replica (DATABASE_READ_URL) for figures; absent: the figures read `db`. */
  replica?: Db;
}

// DATE columns are legal dates: keep them as 'YYYY-MM-DD' strings, never as local-time Date objects.
pg.types.setTypeParser(1082, (v: string) => v);

/**
 * camelCase in TypeScript, snake_case in SQL. Identifiers are snake-cased as a query is compiled, and result rows' keys
 * camel-cased back by CamelCasePlugin's result half. (The plugin's query half rewrites every query's whole tree first —
 * a frozen copy of each node, per query: about 5 % of a create's CPU, issue 12 — to the same SQL.)
 */
class CaseMapping extends CamelCasePlugin {
  toSnake(identifier: string): string {
    return this.snakeCase(identifier); // the plugin's own memoised mapper
  }
  toCamel(identifier: string): string {
    return this.camelCase(identifier);
  }
}
const camelCase = new CaseMapping({ maintainNestedObjectKeys: true });
class SnakeCaseCompiler extends PostgresQueryCompiler {
  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(camelCase.toSnake(identifier));
  }
}
export class YifaDialect extends PostgresDialect {
  override createQueryCompiler() {
    return new SnakeCaseCompiler();
  }
}
/** A row read as JSON (`to_json` of a query's row, inside another statement) with its keys camel-cased as a row's are. */
export const camelKeys = (j: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(j).map(([k, v]) => [camelCase.toCamel(k), v]));
export const plugins: KyselyPlugin[] = [{ transformQuery: (args) => args.node, transformResult: (args) => camelCase.transformResult(args) }];

/** Open the embedded database in a directory (or in memory when dir is undefined or a loadDataDir blob is given). */
export async function openPglite(opts: { dir?: string; loadDataDir?: Blob | File }): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PipelinedPgliteConnection } = await import('./pglite-wire.ts');
  const lite = await PGlite.create(opts.dir ?? undefined, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  // node-postgres over a connection that hands each statement's messages to the engine in one call (pglite-wire.ts).
  // Never raise `max`: PGlite is one connection (see STACK.md §3).
  const connection = new PipelinedPgliteConnection(lite);
  const pool = new pg.Pool({ max: 1, user: 'postgres', database: 'postgres', connection } as pg.PoolConfig);
  // A closed instance fails deep inside its wire emulation; say plainly that the database is unavailable (→ 503).
  const guarded = {
    connect: async () => (lite.closed ? Promise.reject(new DatabaseUnavailable('PGlite is closed')) : preparing(await pool.connect())),
    end: () => pool.end(),
  };
  const db = new Kysely<DB>({ dialect: new YifaDialect({ pool: guarded as unknown as pg.Pool }), plugins });
  return {
    kind: 'pglite',
    db,
    lite,
    async exec(script) { await lite.exec(script); },
    async close() { await db.destroy(); await lite.close(); },
  };
}

/**
 * Prepared statements for every parameterised query (issue 12): the server parses and plans a statement's text once per
 * connection, then only binds and executes it — the case view alone took 1.3–1.5 ms to plan. node-postgres prepares a
 * query that has a `name` and reuses it on that connection; the name is a hash of the text, so the same text is the same
 * statement. Only queries with parameters are named (one command each: the extended protocol refuses several, as it
 * does for any parameterised query); scripts and BEGIN/COMMIT go as they are. At most PREPARED_MAX distinct texts are
 * named per process (a query whose text varies without end — an IN list of any length — cannot fill the server's memory).
 */
export const PREPARED_MAX = 4000;
const statementNames = new Map<string, string>();
export function statementName(text: string): string | null {
  const known = statementNames.get(text);
  if (known) return known;
  if (statementNames.size >= PREPARED_MAX || text.length > 20_000) return null;
  const name = `y${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
  statementNames.set(text, name);
  return name;
}
type Queryable = { query: (...args: unknown[]) => unknown };
function preparing<C extends Queryable>(client: C): C {
  const flag = client as C & { yifaPrepared?: boolean };
  if (flag.yifaPrepared) return client;
  const plain = client.query.bind(client);
  client.query = ((text: unknown, values?: unknown, cb?: unknown) => {
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && cb === undefined) {
      const name = statementName(text);
      if (name) return plain({ name, text, values });
    }
    return cb === undefined ? plain(text, values) : plain(text, values, cb);
  }) as C['query'];
  flag.yifaPrepared = true;
  return client;
}

/** Connect to a PostgreSQL server. With appRole, every connection acts as that role (SET ROLE). */
export async function openPostgres(url: string, opts: { appRole?: string; max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.appRole ? { options: `-c role=${opts.appRole}` } : {}),
  });
  // An idle pooled connection can be terminated by the server (restart, failover, a forced DROP
  // DATABASE: SQLSTATE 57P01). node-postgres emits that on the pool; without a listener the whole
  // process would crash. The pool drops the client and opens a new one on the next query.
  pool.on('error', (err) => { process.emitWarning(`PostgreSQL idle connection lost: ${err.message}`); });
  // A connection lost while checked out (between the statements of a transaction, say) is emitted on the client,
  // where nobody listens: the process would crash. Listen; its next query fails and the request answers 503.
  pool.on('connect', (client) => { client.on('error', (err) => { process.emitWarning(`PostgreSQL connection lost: ${err.message}`); }); });
  // Kysely checks clients out of this pool: each one prepares what it runs (see preparing()).
  const prepared = { connect: async () => preparing(await pool.connect()), end: () => pool.end() };
  const db = new Kysely<DB>({ dialect: new YifaDialect({ pool: prepared as unknown as pg.Pool }), plugins });
  return {
    kind: 'postgres',
    db,
    async exec(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() { await db.destroy(); },
  };
}

/**
 * A lock file so that only one process opens an embedded data directory (PGlite has no
 * inter-process lock of its own). A stale lock (its process is gone) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'yifa.lock');
  const tryTake = () => fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
  try {
    tryTake();
  } catch {
    const pid = Number(fs.readFileSync(file, 'utf8'));
    let alive = false;
    try { process.kill(pid, 0); alive = true; } catch { alive = false; }
    if (alive && pid !== process.pid) {
      throw new Error(`数据目录 ${dir} 已被进程 ${pid} 占用（${file}）。同一数据目录只能由一个进程打开。`);
    }
    fs.rmSync(file, { force: true });
    tryTake();
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try { if (Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.rmSync(file); } catch { /* already gone */ }
  };
  process.once('exit', release);
  return release;
}

export async function serverVersion(db: Db): Promise<string> {
  const r = await sql<{ v: string }>`select version() as v`.execute(db);
  return r.rows[0].v;
}
