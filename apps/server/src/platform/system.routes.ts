import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Ctx } from './context.ts';
import { AppError } from './http/problem.ts';
import { readSettings } from './settings/settings.ts';
import { MAP_SETTINGS } from './map-settings.ts';

export async function systemRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/health', { config: { public: true }, schema: { tags: ['系统'], summary: '进程存活' } }, async () => ({ status: 'ok' }));

  app.get('/ready', { config: { public: true }, schema: { tags: ['系统'], summary: '可以提供服务（数据库可用、迁移完成、日历已载入）' } }, async () => {
    try {
      await sql`select 1`.execute(ctx.db);
    } catch {
      throw new AppError('not_ready', '数据库不可用');
    }
    const years = (await ctx.calendar.get()).loadedYears();
    return { status: 'ready', database: ctx.database.kind, calendarYears: years };
  });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  app.get('/api/v1/public/map', { config: { public: true }, schema: { tags: ['公众'], summary: '门户选点用的地图服务（本县未配置时不启用）' } }, async () => {
    const m = (await readSettings(ctx.db, ctx.config.defaultRegion, MAP_SETTINGS)).values;
    if (!m.tileUrl) return { enabled: false };
    return {
      enabled: true, tileUrl: m.tileUrl.replaceAll('{key}', encodeURIComponent(m.tileKey)), attribution: m.attribution,
      center: { lat: m.centerLat, lng: m.centerLng }, zoom: m.zoom,
    };
  });

  app.get('/api/v1/public/info', { config: { public: true }, schema: { tags: ['公众'], summary: '门户首页信息' } }, async () => {
    const gov = await ctx.db.selectFrom('orgs').select(['name', 'regionCode']).where('kind', '=', 'government').where('regionCode', '=', ctx.config.defaultRegion)
      .where('dissolvedOn', 'is', null).orderBy('path').executeTakeFirst();
    return {
      countyName: gov?.name.replace(/人民政府$/, '') ?? '',
      governmentName: gov?.name ?? '',
      regionCode: ctx.config.defaultRegion,
      entries: [
        { key: 'track', label: '查询办理进度', description: '输入办件编号，查看办理进度和办理期限', href: '/p/track' },
        ...ctx.registry.modules.flatMap((m) => (m as { portalEntries?: { key: string; label: string; description: string; href: string }[] }).portalEntries ?? []),
      ],
    };
  });
}
