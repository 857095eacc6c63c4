/**
 * The county's map tile service (settings `spine.map`), for the portal's optional location picker on the 12345 form: a tile
 * URL template (e.g. 天地图 WMTS with its browser key) — none configured means no map, and the address is typed as text.
 * The key of a browser tile service is not a secret (every tile request carries it); the county restricts it to its domain.
 */
import { z } from 'zod';
import { defineSettings } from './settings/settings.ts';

export const MAP_SETTINGS = defineSettings({
  module: 'spine.map',
  label: '地图服务（门户选点）',
  schema: z.object({
    tileUrl: z.string().trim().max(500).refine((v) => v === '' || (/^https:\/\/\S+$/.test(v) && ['{z}', '{x}', '{y}'].every((p) => v.includes(p))),
      '应为 https:// 开头、含 {z} {x} {y} 的瓦片地址模板').meta({ title: '瓦片地址模板（留空则不显示地图，只填写地址）' }),
    tileKey: z.string().trim().max(100).meta({ title: '地图服务浏览器端密钥（替换模板中的 {key}，如天地图 tk）' }),
    attribution: z.string().trim().max(100).meta({ title: '地图版权说明' }),
    centerLat: z.number('请填写纬度').min(-90, '纬度应在 -90 至 90 之间').max(90, '纬度应在 -90 至 90 之间').meta({ title: '地图中心纬度' }),
    centerLng: z.number('请填写经度').min(-180, '经度应在 -180 至 180 之间').max(180, '经度应在 -180 至 180 之间').meta({ title: '地图中心经度' }),
    zoom: z.number('请填写缩放级别').int('应为整数').min(3, '最小为 3').max(18, '最大为 18').meta({ title: '初始缩放级别' }),
  }),
  defaults: { tileUrl: '', tileKey: '', attribution: '', centerLat: 30.66, centerLng: 104.07, zoom: 13 },
  sources: {
    tileUrl: '本县选用的地图服务（如天地图：https://t0.tianditu.gov.cn/vec_w/wmts?…&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}）；默认不启用',
    tileKey: '地图服务为本县门户域名分配的浏览器端密钥',
    attribution: '地图服务要求显示的审图号或版权说明',
    centerLat: '本平台默认（示范县）；由本县设置',
    centerLng: '本平台默认（示范县）；由本县设置',
    zoom: '本平台默认；由本县设置',
  },
});
