/**
 * Open311 GeoReport v2 (ANCHORS.md §1), strictly: discovery, services, service definitions,
 * POST/GET requests, requests/{id}, tokens (none are issued: requests are realtime), JSON and XML,
 * ids as strings, W3C datetimes in +08:00, errors in the spec's form with 400/403/404, plus the
 * pagination extension and FixMyStreet's servicerequestupdates and multipart `media` upload (one
 * photo, stored as an attachment of the ticket; never served here). No personal data leaves: no
 * names or phones, phone/ID-like digits masked in descriptions, confidential tickets (举报, 保密)
 * without description and address, 书记县长信箱 letters not published at all.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { addDays, diffDays, legalDateOf, startOfLegalDate, endOfLegalDate, toCstIso } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import { can, type Actor } from '../../platform/authz.ts';
import { lookupToken, touchToken } from '../../platform/auth/sessions.ts';
import { redactAddress, redactText } from '../../platform/crypto/redact.ts';
import { AppError } from '../../platform/http/problem.ts';
import { problemOf } from '../../platform/http/errors.ts';
import { RETRY_AFTER_SECONDS } from '../../platform/db/unavailable.ts';
import { openCasePendingInTrx } from '../../platform/cases/engine.ts';
import { checkUploads, describeRule, megabytes, readMultipart, storeFileInTrx } from '../../platform/files/store.ts';
import { open311Actors, TICKET } from './ticket.ts';
import { OPEN311_MEDIA } from './workflow.ts';

export const SPEC = 'http://wiki.open311.org/GeoReport_v2';
/** A query's dates may be at most this many days apart (Beijing dates); without dates, the last this many days. */
const MAX_SPAN_DAYS = 90;
const MAX_RESULTS = 1000;

type Fmt = 'json' | 'xml';
interface O311Error { code: number; description: string }
class Open311Error extends Error {
  constructor(readonly status: 400 | 403 | 404, readonly errors: O311Error[]) { super(errors.map((e) => e.description).join('; ')); }
}
/** GeoReport v2 uses 400/403/404; a few others say more than 400 would (too large, too many, try again later). */
const open311Status = (status: number) =>
  (status === 401 || status === 403 ? 403 : [404, 413, 415, 429, 503].includes(status) ? status : status >= 500 ? 500 : 400);
const err = (status: 400 | 403 | 404, description: string, code: number = status) => new Open311Error(status, [{ code, description }]);

/**
 * Characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE/U+FFFF; lone surrogates): one
 * citizen's U+0001 must not make the feed unparseable for everyone, so they are dropped from XML.
 */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xmlText = (s: string) => s.replace(XML_FORBIDDEN, '');
const esc = (s: string) => xmlText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** XML per the Spark convention: arrays repeat the element named by `item`. */
function xmlNode(name: string, v: unknown, items: Record<string, string>): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return `<${name}>${v.map((x) => xmlNode(items[name] ?? 'item', x, items)).join('')}</${name}>`;
  if (typeof v === 'object') return `<${name}>${Object.entries(v as Record<string, unknown>).map(([k, x]) => xmlNode(k, x, items)).join('')}</${name}>`;
  return `<${name}>${esc(String(v))}</${name}>`;
}
const ITEMS: Record<string, string> = {
  services: 'service', attributes: 'attribute', values: 'value', service_requests: 'request', errors: 'error', endpoints: 'endpoint', formats: 'format',
  service_request_updates: 'request_update',
};

function send(reply: FastifyReply, fmt: Fmt, root: string, body: unknown, status = 200) {
  if (fmt === 'json') return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
  return reply.status(status).type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>\n${xmlNode(root, body, ITEMS)}`);
}

/** 'services.json' → ['services', 'json']; an unknown format is a 404 (the resource does not exist). */
function splitFmt(file: string): [string, Fmt] {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw err(404, `资源不存在：${file}（格式应为 .json 或 .xml）`);
  return [m[1], m[2] as Fmt];
}
const fmtOf = (url: string): Fmt => (/\.json(\?|$)/.test(url) ? 'json' : 'xml');

/** Phone numbers and ID numbers typed into free text are masked before publishing. */
/** W3C datetime with a mandatory zone. */
/** More than 90 days between the Beijing dates of start and end. */
const tooLong = (start: Date, end: Date) => diffDays(legalDateOf(start), legalDateOf(end)) > MAX_SPAN_DAYS;
/** The instants a query covers: the dates it gives, the other end 90 days (Beijing dates) away, or the last 90 days up to now. */
function span(start: Date | null, end: Date | null, now: Date): { from: Date; to: Date } {
  const from = start ?? startOfLegalDate(addDays(legalDateOf(end ?? now), -MAX_SPAN_DAYS));
  const to = end ?? (start ? endOfLegalDate(addDays(legalDateOf(start), MAX_SPAN_DAYS)) : now);
  return { from, to };
}

function parseW3c(s: string, field: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) || Number.isNaN(Date.parse(s))) {
    throw err(400, `${field} must be a W3C datetime with a time zone, e.g. 2026-06-01T00:00:00+08:00 / ${field} 应为带时区的 W3C 时间`);
  }
  return new Date(s);
}

function parseForm(body: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(body)) m.set(k, [...(m.get(k) ?? []), v]);
  return m;
}

/** A URL under /open311/ the router could not take (bad %-escape, over-long parameter): an Open311 400. */
export function open311FrameworkError(err: { code?: string }, req: FastifyRequest, reply: FastifyReply): boolean {
  if (!req.url.startsWith('/open311/')) return false;
  const what = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is too long / 地址中的参数过长' : 'the URL is not validly %-encoded / 地址编码无效';
  send(reply, fmtOf(req.url), 'errors', [{ code: 400, description: what }], 400);
  return true;
}

export async function open311Routes(root: FastifyInstance, ctx: Ctx) {
  const region = ctx.config.defaultRegion;
  await root.register(async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(String(body))));
    app.setErrorHandler((e: Error, req, reply) => {
      const fmt = fmtOf(req.url);
      if (e instanceof Open311Error) return send(reply, fmt, 'errors', e.errors, e.status);
      // The platform's reading of the error (bad input, rate limit, database unreachable…), in Open311's form.
      const p = e instanceof AppError ? e : problemOf(e, req);
      if (!p) {
        req.log.error(e);
        return send(reply, fmt, 'errors', [{ code: 500, description: `General service error / 服务器内部错误（请求编号 ${req.id}）` }], 500);
      }
      const status = open311Status(p.status);
      if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      const list = p.extra.errors?.length
        ? p.extra.errors.map((f) => ({ code: status, description: `${f.path.replace(/^body\.(input\.)?/, '')}: ${f.message}` }))
        : [{ code: status, description: p.detail ?? p.message }];
      return send(reply, fmt, 'errors', list, status);
    });
    app.setNotFoundHandler((req, reply) => send(reply, fmtOf(req.url), 'errors', [{ code: 404, description: `Not found: ${req.url.split('?')[0]}` }], 404));

    const jurisdiction = (q: Record<string, unknown>) => {
      const j = q.jurisdiction_id;
      if (j !== undefined && j !== '' && j !== region) throw err(404, `jurisdiction_id not found: ${String(j)}`);
    };
    const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}/open311/v2`;
    const changeset = async () => {
      const r = await ctx.db.selectFrom('hotlineCatalog').select(sql<Date | null>`max(updated_at)`.as('m')).where('regionCode', '=', region).executeTakeFirst();
      return r?.m ? toCstIso(r.m) : toCstIso(new Date(0));
    };

    /** The services (active 派单目录 leaves with a unit), or the one of a code. */
    async function services(code?: string) {
      return ctx.db.selectFrom('hotlineCatalog as c').leftJoin('hotlineCatalog as p', 'p.id', 'c.parentId')
        .select(['c.code', 'c.name', 'c.description', 'c.keywords', 'c.facts', 'p.name as group'])
        .where('c.regionCode', '=', region).where('c.active', '=', true).where('c.orgId', 'is not', null)
        .$if(code !== undefined, (q) => q.where('c.code', '=', code!)).orderBy('c.sortOrder').orderBy('c.code').execute();
    }

    // Public like the portal, and limited like it (per client address and route; 429 in Open311's error format).
    const cfg = { config: { public: true, rateLimit: { max: ctx.config.rateLimit.public, timeWindow: '1 minute' } }, schema: { hide: true } };

    app.get('/:file', cfg, async (req, reply) => {
      const [name, fmt] = splitFmt((req.params as { file: string }).file);
      const q = req.query as Record<string, string>;
      if (name === 'discovery') {
        const cs = await changeset();
        return send(reply, fmt, 'discovery', {
          changeset: cs, contact: `示范县12345政务服务便民热线 — 拨打 12345，或联系县政务服务和大数据管理局（区划 ${region}）`,
          key_service: '向县政务服务和大数据管理局申请 Open311 接入密钥（系统管理 → API 令牌，权限 open311）；演示县的密钥见 README',
          endpoints: [{ specification: SPEC, url: baseUrl(req), changeset: cs, type: region === '990101' ? 'test' : 'production', formats: ['text/xml', 'application/json'] }],
        });
      }
      jurisdiction(q);
      if (name === 'services') {
        const rows = await services();
        return send(reply, fmt, 'services', rows.map((r) => ({
          service_code: r.code, service_name: r.name, description: r.description || r.name, metadata: r.facts.length > 0, type: 'realtime', keywords: r.keywords, group: r.group ?? '',
        })));
      }
      if (name === 'requests') return send(reply, fmt, 'service_requests', await listRequests(q));
      if (name === 'servicerequestupdates') return send(reply, fmt, 'service_request_updates', await listUpdates(q));
      throw err(404, `Not found: ${name}`);
    });

    app.get('/:kind/:file', cfg, async (req, reply) => {
      const { kind, file } = req.params as { kind: string; file: string };
      const [id, fmt] = splitFmt(file);
      jurisdiction(req.query as Record<string, unknown>);
      if (kind === 'services') {
        const [s] = await services(id);
        if (!s) throw err(404, `service_code not found: ${id}`);
        return send(reply, fmt, 'service_definition', {
          service_code: s.code,
          attributes: s.facts.map((f, i) => ({
            variable: true, code: f.code, datatype: f.datatype, required: f.required, datatype_description: f.datatype.endsWith('list') ? '请从列表中选择' : '', order: i + 1, description: f.label,
            ...(f.values?.length ? { values: f.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
          })),
        });
      }
      if (kind === 'requests') {
        const r = await listRequests({ service_request_id: id });
        if (!r.length) throw err(404, `service_request_id not found: ${id}`);
        return send(reply, fmt, 'service_requests', r);
      }
      if (kind === 'tokens') throw err(404, `token not found: ${id} (this endpoint is realtime and never issues tokens)`);
      throw err(404, `Not found: ${kind}`);
    });

    app.post('/:file', cfg, async (req, reply) => {
      const [name, fmt] = splitFmt((req.params as { file: string }).file);
      if (name !== 'requests') throw err(404, `Not found: ${name}`);
      // multipart/form-data (FixMyStreet): the same fields plus one photo in the file field `media`
      const multipart = req.isMultipart() ? await readMultipart(req, OPEN311_MEDIA) : null;
      const form = multipart?.fields ?? (req.body instanceof Map ? (req.body as Map<string, string[]>) : new Map<string, string[]>());
      const one = (k: string) => form.get(k)?.[0]?.trim() ?? '';
      const key = one('api_key');
      if (!key) throw err(403, "api_key missing -- can't proceed with create_request");
      const found = await lookupToken(ctx, key); // (cached like a Bearer token: token-cache.ts)
      const tok = found?.token;
      const now = ctx.clock.now();
      const client = tok && !tok.revokedAt && !(tok.expiresAt && tok.expiresAt <= now) ? found.actor : null;
      if (!tok || !client || !can(client, 'hotline.open311')) throw err(403, "Invalid api_key received -- can't proceed with create_request");
      await touchToken(ctx, tok, now); // the key's owner sees when it was last used, as for a Bearer token
      jurisdiction({ jurisdiction_id: one('jurisdiction_id') || undefined });
      const errors: O311Error[] = [];
      const code = one('service_code');
      if (!code) errors.push({ code: 400, description: 'service_code not provided / 缺少 service_code' });
      const hasLat = one('lat') !== ''; const hasLong = one('long') !== '';
      const lat = hasLat ? Number(one('lat')) : undefined; const long = hasLong ? Number(one('long')) : undefined;
      if (hasLat !== hasLong) errors.push({ code: 400, description: 'lat and long must be sent together / 经纬度须同时提供' });
      if ((hasLat && !(Number.isFinite(lat) && Math.abs(lat!) <= 90)) || (hasLong && !(Number.isFinite(long) && Math.abs(long!) <= 180))) errors.push({ code: 400, description: 'lat/long must be WGS84 decimal degrees / 经纬度无效' });
      if (!(hasLat && hasLong) && !one('address_string') && !one('address_id')) errors.push({ code: 400, description: 'A location is required: lat & long, address_string or address_id / 请提供位置' });
      const description = one('description');
      if (description.length > 4000) errors.push({ code: 400, description: 'description must be at most 4000 characters / 描述不超过 4000 字' });
      const phone = one('phone');
      if (phone && !/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(phone)) errors.push({ code: 400, description: 'phone is not a valid Chinese phone number / 电话号码无效' });
      const mediaUrl = one('media_url');
      if (mediaUrl && !/^https?:\/\/\S+$/.test(mediaUrl)) errors.push({ code: 400, description: 'media_url must be an http(s) URL' });
      const media = checkUploads(OPEN311_MEDIA, multipart?.files ?? [], 'media', multipart?.skipped);
      const mediaRule = `media must be one ${describeRule(OPEN311_MEDIA).types.map((t) => t.label).join(' or ')} image of at most ${megabytes(OPEN311_MEDIA.maxBytes)}`;
      for (const f of multipart?.files ?? []) if (f.field !== 'media') errors.push({ code: 400, description: `${mediaRule} (unknown file field ${f.field}) / 文件字段应为 media` });
      errors.push(...media.errors.map((e) => ({ code: 400, description: `${mediaRule} / ${e.message}` })));
      if (errors.length) throw new Open311Error(400, errors);
      const [service] = await services(code);
      if (!service) throw err(404, `service_code not found: ${code}`);
      const attributes: Record<string, string | string[]> = {};
      for (const [k, vals] of form) {
        const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
        if (!m) continue;
        attributes[m[1]] = m[2] ? [...((attributes[m[1]] as string[] | undefined) ?? []), ...vals] : vals[0];
      }
      for (const f of service.facts) {
        if (f.datatype === 'number' && attributes[f.code] !== undefined && !Number.isFinite(Number(attributes[f.code]))) errors.push({ code: 400, description: `attribute[${f.code}] must be a number` });
      }
      if (errors.length) throw new Open311Error(400, errors);
      const actor: Actor = { kind: 'public', userId: null, name: `Open311（${tok.name}）`, orgId: null, grants: [], ip: req.ip };
      open311Actors.add(actor);
      const address = [one('address_string'), one('address_id') ? `（地址编码 ${one('address_id')}）` : ''].filter(Boolean).join('');
      const number = await ctx.db.transaction().execute(async (trx) => {
        const opened = await openCasePendingInTrx(ctx, trx, TICKET, {
          channel: 'open311', ticketType: '求助', categoryCode: code, description: description.length >= 5 ? description : `${service.name}${description ? `：${description}` : ''}（Open311 提交）`,
          address: address || undefined, lat, long, attributes, anonymous: !phone, parties: { name: [one('last_name'), one('first_name')].filter(Boolean).join('') || undefined, phone: phone || undefined },
          mediaUrl: mediaUrl || undefined,
        }, actor, null);
        for (const f of media.ok) await storeFileInTrx(trx, opened.caseId, f, { id: null, name: actor.name, ip: req.ip }, now);
        const k = opened.clocks.find((x) => x.key === 'citizen');
        // the number last: the counter's lock is held for the fewest statements
        return { number: await opened.assignNumber(), notice: k?.dueAt ? `已受理，办理期限 ${toCstIso(k.dueAt).slice(0, 10)}（工作日计算），派单后由承办单位办理并答复` : '已受理' };
      });
      const accountId = one('account_id');
      return send(reply, fmt, 'service_requests', [{ service_request_id: number.number, service_notice: number.notice, ...(accountId ? { account_id: accountId } : {}) }]);
    });
  }, { prefix: '/open311/v2' });

  async function listRequests(q: Record<string, string | undefined>) {
    let query = ctx.db.selectFrom('hotlineTickets as t').innerJoin('cases as c', 'c.id', 't.caseId')
      .leftJoin('orgs as o', 'o.id', 't.leadOrgId')
      .leftJoin('clocks as k', (j) => j.onRef('k.caseId', '=', 't.caseId').on('k.key', '=', 'citizen'))
      .select([
        't.caseId', 't.number', 't.state', 't.categoryCode', 't.categoryName', 't.description', 't.acceptedAt', 'c.updatedAt', 'c.closedAt', 'k.dueAt as expected', 'o.name as agency', 't.ticketType',
        sql<Record<string, unknown>>`c.data`.as('data'),
        sql<string | null>`(select u.description from hotline_updates u where u.case_id = t.case_id order by u.id desc limit 1)`.as('notes'),
      ])
      .where('t.regionCode', '=', region).where('t.line', '=', 'hotline');
    const ids = (q.service_request_id ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
    let page = 1; let size = MAX_RESULTS;
    if (ids.length) {
      if (ids.length > MAX_RESULTS) throw err(400, `At most ${MAX_RESULTS} service_request_id values`);
      query = query.where('t.number', 'in', ids);
    } else {
      const codes = (q.service_code ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (codes.length) query = query.where('t.categoryCode', 'in', codes);
      const now = ctx.clock.now();
      const start = q.start_date ? parseW3c(q.start_date, 'start_date') : null;
      const end = q.end_date ? parseW3c(q.end_date, 'end_date') : null;
      if (start && end && start > end) throw err(400, 'start_date must not be after end_date / 开始时间不能晚于结束时间');
      if (start && end && tooLong(start, end)) throw err(400, 'The date range may not span more than 90 days / 时间范围不能超过 90 天');
      const { from, to } = span(start, end, now);
      query = query.where('t.acceptedAt', '>=', from).where('t.acceptedAt', '<=', to);
      const statuses = (q.status ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
      if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw err(400, 'status must be open, closed or both (comma-delimited)');
      const set = new Set(statuses);
      if (set.size === 1) query = set.has('closed') ? query.where('c.closedAt', 'is not', null) : query.where('c.closedAt', 'is', null);
      if (q.page !== undefined && q.page !== '') { page = Number(q.page); if (!Number.isInteger(page) || page < 1) throw err(400, 'page must be a positive integer'); }
      if (q.page_size !== undefined && q.page_size !== '') { size = Number(q.page_size); if (!Number.isInteger(size) || size < 1 || size > MAX_RESULTS) throw err(400, `page_size must be an integer from 1 to ${MAX_RESULTS}`); }
    }
    const rows = await query.orderBy('t.acceptedAt', 'desc').orderBy('t.number', 'desc').limit(size).offset((page - 1) * size).execute();
    // The names the 诉求人 gave: masked wherever the description repeats them (platform/crypto/redact.ts masks the rest by shape).
    const parties = rows.length ? await ctx.db.selectFrom('caseParties').select(['caseId', 'nameEnc']).where('caseId', 'in', rows.map((r) => r.caseId)).execute() : [];
    const namesOf = (id: string) => parties.filter((p) => p.caseId === id).map((p) => ctx.crypto.decryptOpt(p.nameEnc));
    return rows.map((r) => {
      const d = r.data;
      const confidential = Boolean(d.confidential) || r.ticketType === '举报';
      const closed = r.closedAt !== null;
      const out: Record<string, unknown> = {
        service_request_id: r.number, status: closed ? 'closed' : 'open', status_notes: r.notes ?? undefined, service_name: r.categoryName, service_code: r.categoryCode,
        description: confidential ? undefined : redactText(r.description, namesOf(r.caseId)), agency_responsible: r.agency ?? undefined,
        service_notice: r.expected ? `已受理，${r.agency ? `由${r.agency}主办，` : ''}办理期限 ${toCstIso(r.expected).slice(0, 10)}（工作日计算）` : '已受理',
        requested_datetime: toCstIso(r.acceptedAt), updated_datetime: toCstIso(r.closedAt ?? r.updatedAt), expected_datetime: r.expected ? toCstIso(r.expected) : undefined,
        address: confidential || !d.address ? undefined : redactAddress(String(d.address)), address_id: undefined, zipcode: undefined,
        lat: typeof d.lat === 'number' && !confidential ? String(d.lat) : undefined, long: typeof d.long === 'number' && !confidential ? String(d.long) : undefined,
        media_url: typeof d.mediaUrl === 'string' && !confidential ? d.mediaUrl : undefined,
      };
      for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
      return out;
    });
  }

  async function listUpdates(q: Record<string, string | undefined>) {
    const now = ctx.clock.now();
    const start = q.start_date ? parseW3c(q.start_date, 'start_date') : null;
    const end = q.end_date ? parseW3c(q.end_date, 'end_date') : null;
    if (start && end && start > end) throw err(400, 'start_date must not be after end_date');
    if (start && end && tooLong(start, end)) throw err(400, 'The date range may not span more than 90 days');
    const { from, to } = span(start, end, now);
    const rows = await ctx.db.selectFrom('hotlineUpdates as u').innerJoin('hotlineTickets as t', 't.caseId', 'u.caseId')
      .select(['u.id', 't.number', 'u.status', 'u.description', 'u.updatedAt'])
      .where('u.regionCode', '=', region).where('t.line', '=', 'hotline').where('u.updatedAt', '>=', from).where('u.updatedAt', '<=', to)
      .orderBy('u.id').limit(MAX_RESULTS).execute();
    return rows.map((r) => ({ update_id: String(r.id), service_request_id: r.number, status: r.status, updated_datetime: toCstIso(r.updatedAt), description: r.description, media_url: '', external_status_code: r.status }));
  }
}
