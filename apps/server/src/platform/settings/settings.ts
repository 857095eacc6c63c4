/**
 * One settings facility for every module: a module declares `settings` (a zod schema whose fields
 * carry `.meta({ title })`, the defaults, and for each value its legal basis or "local default,
 * unsourced"); a county's values are versions in `module_settings` (every version kept, so a value
 * in force on a past date can be read); one generic console page edits them from the JSON Schema.
 */
import { z } from 'zod';
import { sql, type RawBuilder } from 'kysely';
import type { FieldError } from '@yifa/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Conn } from '../db/client.ts';
import type { Ctx } from '../context.ts';
import { AppError, notFound } from '../http/problem.ts';
import { assertCan } from '../authz.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import { zodIssuesToFieldErrors } from '../http/validation.ts';

export interface SettingsDef<S extends z.ZodObject = z.ZodObject> {
  /** The module that owns them (its manifest id). */
  module: string;
  schema: S;
  defaults: z.infer<S>;
  /** Per value: where it comes from — the article, or that it is a local default without a national source. */
  sources: Record<keyof z.infer<S> & string, string>;
  /** The page's title when a module declares several settings (default: the module's label). */
  label?: string;
  /**
   * Values that are secrets (a gateway's key): never returned by the API (GET answers '' and says whether one is set in
   * `secretsSet`), kept as they are when a PUT leaves them empty, and left out of the audit record.
   */
  secrets?: readonly string[];
  /** Checks that need the database (an org exists …): the errors, with paths under `body.values`. */
  validate?: (conn: Conn, region: string, values: z.infer<S>) => Promise<FieldError[]>;
}

export function defineSettings<S extends z.ZodObject>(def: SettingsDef<S>): SettingsDef<S> {
  const keys = Object.keys(def.schema.shape);
  const missing = keys.filter((k) => !(k in def.sources));
  if (missing.length) throw new Error(`settings ${def.module}: no source for ${missing.join(', ')}`);
  def.schema.parse(def.defaults);
  return def;
}

export interface SettingsValue<T> { values: T; version: number; source: 'default' | 'county'; setAt: Date | null; setByName: string | null }

type SettingsRow = { version: number; values: unknown; setAt: Date; setByName: string | null };

/**
 * The latest settings row of every module of a region as one JSON value (module → row), for a transaction's first read of
 * the county's configuration to take along (ledger-store.ts, with the rule overrides): then `readSettings` in that
 * transaction answers from it (primeSettings) instead of reading again.
 */
export function latestSettingsJson(region: string): RawBuilder<Record<string, Omit<SettingsRow, 'setAt'> & { setAt: string }>> {
  return sql`(select coalesce(json_object_agg(s.module, json_build_object('version', s.version, 'values', s.values, 'setAt', s.set_at,
      'setByName', s.set_by_name)), '{}') from (select distinct on (module) module, version, values, set_at, set_by_name from module_settings
      where region_code = ${region} order by module, version desc) s)`;
}

/** Per transaction: region → module → its latest row (null: none, the defaults), as read by latestSettingsJson. */
const latestOfTrx = new WeakMap<object, Map<string, Map<string, SettingsRow | null>>>();

/** Keep a region's latest settings (from latestSettingsJson) for the rest of the transaction `trx`. */
export function primeSettings(trx: Conn, region: string, rows: Record<string, Omit<SettingsRow, 'setAt'> & { setAt: string }>): void {
  if (!trx.isTransaction) return;
  let byRegion = latestOfTrx.get(trx);
  if (!byRegion) latestOfTrx.set(trx, byRegion = new Map());
  byRegion.set(region, new Map(Object.entries(rows).map(([m, r]) => [m, { ...r, setAt: new Date(r.setAt) }])));
}

/**
 * A county's settings of a module in force at `at` (default: latest), merged over the defaults (a
 * value added to the schema later starts at its default).
 */
export async function readSettings<S extends z.ZodObject>(conn: Conn, region: string, def: SettingsDef<S>, at?: Date): Promise<SettingsValue<z.infer<S>>> {
  const primed = at === undefined ? latestOfTrx.get(conn)?.get(region) : undefined;
  const r = primed ? primed.get(def.module) ?? undefined : await conn.selectFrom('moduleSettings').select(['version', 'values', 'setAt', 'setByName'])
    .where('regionCode', '=', region).where('module', '=', def.module)
    .$if(at !== undefined, (q) => q.where('setAt', '<=', at as Date))
    .orderBy('version', 'desc').executeTakeFirst();
  if (!r) return { values: def.defaults, version: 0, source: 'default', setAt: null, setByName: null };
  const merged = def.schema.safeParse({ ...def.defaults, ...(r.values as object) });
  return { values: merged.success ? merged.data : def.defaults, version: r.version, source: 'county', setAt: r.setAt, setByName: r.setByName };
}

/** How a secret is stored: field-encrypted (SM4, the key ring of personal data), marked so that a reader knows to open it. */
const SECRET_MARK = 'enc:';

/** A stored secret in clear for its one use (a gateway call); '' when none is set. Values saved before encryption read as they are. */
export function openSecret(stored: unknown, decrypt: (enc: string | null) => string | null): string {
  const v = typeof stored === 'string' ? stored : '';
  return v.startsWith(SECRET_MARK) ? decrypt(v.slice(SECRET_MARK.length)) ?? '' : v;
}

/** The values with every secret blanked (for the API, the history and the audit log). */
export function hideSecrets(d: Pick<SettingsDef, 'secrets'>, values: Record<string, unknown>): Record<string, unknown> {
  if (!d.secrets?.length) return values;
  return { ...values, ...Object.fromEntries(d.secrets.map((k) => [k, ''])) };
}

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });

export async function settingsRoutes(api: FastifyInstance, ctx: Ctx): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const region = ctx.config.defaultRegion;
  const defOf = (module: string) => {
    const d = ctx.registry.settings.get(module);
    if (!d) throw notFound('模块设置');
    return d;
  };
  const view = async (conn: Conn, module: string) => {
    const d = defOf(module);
    const cur = await readSettings(conn, region, d);
    const values = hideSecrets(d, cur.values as Record<string, unknown>);
    return {
      module, label: d.moduleLabel, regionCode: region, ...cur, values, setAt: cur.setAt?.toISOString() ?? null,
      secretsSet: Object.fromEntries((d.secrets ?? []).map((k) => [k, !!(cur.values as Record<string, unknown>)[k]])),
      defaults: hideSecrets(d, d.defaults as Record<string, unknown>), sources: d.sources, schema: jsonSchema(d.schema),
    };
  };

  app.get('/settings', { schema: { tags: ['设置'], summary: '各模块的本县设置（现行值、默认值、每项依据、表单 JSON Schema）' } }, async (req) => {
    assertCan(req.actor, 'settings.manage');
    return Promise.all([...ctx.registry.settings.keys()].map((m) => view(ctx.db, m)));
  });

  app.get('/settings/:module', { schema: { tags: ['设置'], summary: '一个模块的本县设置及历次修改', params: z.object({ module: z.string().max(60) }) } }, async (req) => {
    assertCan(req.actor, 'settings.manage');
    const v = await view(ctx.db, req.params.module);
    const history = await ctx.db.selectFrom('moduleSettings').select(['version', 'values', 'setAt', 'setByName', 'reason'])
      .where('regionCode', '=', region).where('module', '=', req.params.module).orderBy('version', 'desc').execute();
    const d = defOf(req.params.module);
    return { ...v, history: history.map((h) => ({ ...h, values: hideSecrets(d, h.values as Record<string, unknown>), setAt: h.setAt.toISOString() })) };
  });

  app.put('/settings/:module', {
    schema: {
      tags: ['设置'], summary: '修改一个模块的本县设置（全部取值；version 为所修改的版本，过期则 409；留痕）',
      params: z.object({ module: z.string().max(60) }),
      body: z.object({
        values: z.record(z.string(), z.unknown()),
        version: z.number().int().min(0).optional().meta({ title: '所修改的版本（0 = 尚未设置）' }),
        reason: z.string().trim().max(500, '最多 500 个字').optional(),
      }),
    },
  }, async (req) => {
    assertCan(req.actor, 'settings.manage');
    const d = defOf(req.params.module);
    // A secret left empty keeps the value in force (the API never sends it back to be re-entered); a new one is checked in
    // clear and stored encrypted at rest (openSecret reads it for its one use).
    const current = (await readSettings(ctx.db, region, d)).values as Record<string, unknown>;
    const given = { ...req.body.values };
    const kept = new Set((d.secrets ?? []).filter((k) => given[k] === '' || given[k] === undefined));
    for (const k of kept) given[k] = '';
    const parsed = d.schema.safeParse(given);
    if (!parsed.success) throw new AppError('validation_failed', '设置有误，请检查标出的字段', { errors: zodIssuesToFieldErrors(parsed.error.issues, 'body.values') });
    const values = parsed.data as Record<string, unknown>;
    for (const k of d.secrets ?? []) {
      values[k] = kept.has(k) ? (current[k] ?? '') : values[k] ? `${SECRET_MARK}${ctx.crypto.encrypt(String(values[k]))}` : '';
    }
    const more = d.validate ? await d.validate(ctx.db, region, values) : [];
    if (more.length) throw new AppError('validation_failed', '设置有误，请检查标出的字段', { errors: more });
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      // Serialise writers of one module's settings: the latest version row, or (none yet) the module's first insert.
      latestOfTrx.delete(trx); // (read it, never what the transaction's first configuration read saw)
      const before = await readSettings(trx, region, d);
      if (req.body.version !== undefined && req.body.version !== before.version) {
        throw new AppError('conflict', `设置已被他人修改（当前版本 ${before.version}），请刷新后再改`);
      }
      const ins = await trx.insertInto('moduleSettings').values({
        regionCode: region, module: d.module, version: before.version + 1, values: JSON.stringify(values),
        setBy: req.actor.userId, setByName: req.actor.name, setAt: now, reason: req.body.reason ?? null,
      }).onConflict((oc) => oc.doNothing()).returning('version').executeTakeFirst();
      if (!ins) throw new AppError('conflict', '设置已被他人同时修改，请刷新后再改');
      await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.ip }, {
        action: 'settings.save', targetType: 'settings', targetId: d.module,
        detail: { before: hideSecrets(d, before.values as Record<string, unknown>), after: hideSecrets(d, values), version: before.version + 1 },
      }, now, region);
    });
    return view(ctx.db, req.params.module);
  });
}
