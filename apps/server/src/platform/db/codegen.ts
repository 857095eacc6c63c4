/**
 * Kysely types generated from the migrated schema (`schema.gen.ts`): never written by hand. `yifa db
 * types` migrates an in-memory database and writes the file; `yifa db types --check` (CI, and a test)
 * fails when the file and the migrations disagree.
 *
 * Column types follow the database: CHECK (col IN (...)) constraints become literal unions, columns
 * with a default are optional on insert, identity columns are never written, bigint and numeric
 * arrive as strings (node-postgres). A jsonb column's TypeScript type comes from its comment:
 * `COMMENT ON COLUMN t.c IS '… [ts: { name: string }[]]'`; without one it is `Record<string, unknown>`
 * for a '{}' default, `unknown[]` for '[]', else `unknown`.
 */
import { sql } from 'kysely';
import type { Database } from './client.ts';

interface Col {
  table: string; column: string; udt: string; nullable: boolean; hasDefault: boolean; identity: string | null; comment: string | null; def: string | null; pos: number;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const pascal = (s: string) => camel(s).replace(/^./, (c) => c.toUpperCase());

/** `CHECK ((kind = ANY (ARRAY['a'::text, 'b'::text])))` → ['a', 'b']. */
function enumOf(def: string): string[] | null {
  const m = /^CHECK \(\((\w+) = ANY \(\(?ARRAY\[(.*)\]\)?(?:::\w+(?:\[\])?)?\)\)\)$/.exec(def);
  if (!m) return null;
  const vals = [...m[2].matchAll(/'((?:[^']|'')*)'::[\w ]+/g)].map((x) => x[1].replace(/''/g, "'"));
  return vals.length ? vals : null;
}

function baseType(c: Col, enums: Map<string, string[]>): string {
  const e = enums.get(`${c.table}.${c.column}`);
  if (e) return e.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(' | ');
  switch (c.udt) {
    case 'uuid': case 'text': case 'varchar': case 'bpchar': case 'inet': case 'citext': return 'string';
    case 'int2': case 'int4': case 'float4': case 'float8': return 'number';
    case 'bool': return 'boolean';
    case '_text': case '_varchar': case '_uuid': return 'string[]';
    case 'bytea': return 'Buffer';
    case 'jsonb': case 'json': {
      const ann = c.comment ? /\[ts: (.+)\]\s*$/.exec(c.comment) : null;
      if (ann) return ann[1];
      if (c.def?.startsWith("'{}'")) return 'Record<string, unknown>';
      if (c.def?.startsWith("'[]'")) return 'unknown[]';
      return 'unknown';
    }
    default: return '__special__';
  }
}

function columnType(c: Col, enums: Map<string, string[]>): string {
  const n = c.nullable ? ' | null' : '';
  if (c.identity === 'ALWAYS') return `ColumnType<string, never, never>`;
  if (c.udt === 'int8' || c.identity) return wrap(c, 'string', 'string | number | bigint');
  if (c.udt === 'numeric') return wrap(c, 'string', 'string | number');
  if (c.udt === 'timestamptz' || c.udt === 'timestamp') return wrap(c, 'Date', 'Date | string');
  if (c.udt === 'date') return wrap(c, 'string', 'string');
  const t = baseType(c, enums);
  if (t === '__special__') throw new Error(`codegen: no TypeScript type for ${c.table}.${c.column} (${c.udt})`);
  if (c.udt === 'jsonb' || c.udt === 'json') return `${c.hasDefault ? 'JsonWithDefault' : 'Json'}<${t}>${n}`;
  return c.hasDefault ? `Generated<${t}${n}>` : `${t}${n}`;
}

function wrap(c: Col, select: string, write: string): string {
  const n = c.nullable ? ' | null' : '';
  const insert = c.hasDefault || c.nullable ? `${write}${n} | undefined` : write;
  return `ColumnType<${select}${n}, ${insert}, ${write}${n}>`;
}

/** The TypeScript source of schema.gen.ts for the database's current schema. */
export async function generateSchemaTypes(database: Database): Promise<string> {
  const cols = (await sql<Col>`
    select c.table_name as "table", c.column_name as "column", c.udt_name as udt, c.is_nullable = 'YES' as nullable,
           c.column_default is not null as "hasDefault", c.identity_generation as identity, c.column_default as def, c.ordinal_position as pos,
           col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position) as comment
    from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name <> 'schema_migrations'
    order by c.table_name, c.ordinal_position`.execute(database.db)).rows;
  const checks = (await sql<{ table: string; column: string; def: string }>`
    select cl.relname as "table", a.attname as "column", pg_get_constraintdef(k.oid) as def
    from pg_constraint k join pg_class cl on cl.oid = k.conrelid join pg_namespace ns on ns.oid = cl.relnamespace
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    where k.contype = 'c' and ns.nspname = current_schema() and array_length(k.conkey, 1) = 1`.execute(database.db)).rows;
  const enums = new Map<string, string[]>();
  for (const k of checks) {
    const e = enumOf(k.def);
    if (e) enums.set(`${k.table}.${k.column}`, e);
  }
  const tables = [...new Set(cols.map((c) => c.table))].sort();
  const out: string[] = [
    '// Generated by `yifa db types` from the migrated schema (platform/db/codegen.ts). Do not edit: change a migration',
    '// and run `npm run db:types`; CI fails when this file and the migrations disagree.',
    "import type { ColumnType, Generated } from 'kysely';",
    '',
    '/** A jsonb column: selected as T, written as T or its JSON text. */',
    'export type Json<T = unknown> = ColumnType<T, string | T, string | T>;',
    '/** A jsonb column with a default: may be left out on insert. */',
    'export type JsonWithDefault<T = unknown> = ColumnType<T, string | T | undefined, string | T>;',
    '',
  ];
  for (const t of tables) {
    out.push(`export interface ${pascal(t)}Table {`);
    for (const c of cols.filter((x) => x.table === t)) out.push(`  ${camel(c.column)}: ${columnType(c, enums)};`);
    out.push('}', '');
  }
  out.push('export interface DB {');
  for (const t of tables) out.push(`  ${camel(t)}: ${pascal(t)}Table;`);
  out.push('}', '');
  return out.join('\n');
}
