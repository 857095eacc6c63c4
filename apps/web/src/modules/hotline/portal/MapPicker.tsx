import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { t } from '../../../lib/i18n.ts';

/** The county's tile service (GET /api/v1/public/map when enabled). */
export interface MapService { tileUrl: string; attribution: string; center: { lat: number; lng: number }; zoom: number }
export interface LatLng { lat: number; lng: number }

const TILE = 256;
const world = (z: number) => TILE * 2 ** z;
/** Web Mercator (天地图 `_w` tiles, OSM-style XYZ): degrees ↔ world pixels at zoom z. */
function toPixel(p: LatLng, z: number) {
  const s = Math.sin((p.lat * Math.PI) / 180);
  return { x: ((p.lng + 180) / 360) * world(z), y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world(z) };
}
function toLatLng(x: number, y: number, z: number): LatLng {
  const n = Math.PI - (2 * Math.PI * y) / world(z);
  return { lat: (180 / Math.PI) * Math.atan(Math.sinh(n)), lng: (x / world(z)) * 360 - 180 };
}
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * 12345 location on a map (lazy: loaded only when the county has configured a tile service): tiles of the county's
 * service, drag to move, +/− to zoom, a tap or click sets the point. The address text stays the main field; the point is
 * optional and can be cleared.
 */
export default function MapPicker({ service, value, onChange }: { service: MapService; value: LatLng | null; onChange: (v: LatLng | null) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 320, h: 260 });
  const [zoom, setZoom] = useState(service.zoom);
  const [center, setCenter] = useState(() => toPixel(value ?? service.center, service.zoom));
  const drag = useRef<{ x: number; y: number; cx: number; cy: number; moved: boolean } | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth || 320, h: el.clientHeight || 260 });
    measure();
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);
  function zoomTo(z: number) {
    const nz = Math.max(3, Math.min(18, z));
    const ll = toLatLng(center.x, center.y, zoom);
    setCenter(toPixel(ll, nz)); setZoom(nz);
  }
  const left = center.x - size.w / 2; const top = center.y - size.h / 2;
  const tiles: { key: string; x: number; y: number; src: string }[] = [];
  const max = 2 ** zoom;
  for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + size.h) / TILE); ty++) {
    if (ty < 0 || ty >= max) continue;
    for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + size.w) / TILE); tx++) {
      const wx = ((tx % max) + max) % max;
      const src = service.tileUrl.replaceAll('{z}', String(zoom)).replaceAll('{x}', String(wx)).replaceAll('{y}', String(ty));
      tiles.push({ key: `${zoom}/${tx}/${ty}`, x: tx * TILE - left, y: ty * TILE - top, src });
    }
  }
  const marker = value ? toPixel(value, zoom) : null;
  function down(e: PointerEvent<HTMLDivElement>) {
    drag.current = { x: e.clientX, y: e.clientY, cx: center.x, cy: center.y, moved: false };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  }
  function move(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x; const dy = e.clientY - d.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) d.moved = true;
    if (d.moved) setCenter({ x: d.cx - dx, y: d.cy - dy });
  }
  function up(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved || !box.current) return;
    const r = box.current.getBoundingClientRect();
    const p = toLatLng(left + (e.clientX - r.left), top + (e.clientY - r.top), zoom);
    onChange({ lat: round6(p.lat), lng: round6(p.lng) });
  }
  return (
    <div className="hl-map-wrap">
      <div ref={box} className="hl-map" role="application" aria-label={t('hotline.map.label')}
        onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={() => { drag.current = null; }}>
        {tiles.map((x) => <img key={x.key} src={x.src} alt="" draggable={false} style={{ left: x.x, top: x.y }} />)}
        {marker && <span className="hl-map-pin" style={{ left: marker.x - left, top: marker.y - top }} aria-hidden="true" />}
        <div className="hl-map-zoom">
          <button type="button" onClick={() => zoomTo(zoom + 1)} aria-label={t('hotline.map.zoomIn')}>+</button>
          <button type="button" onClick={() => zoomTo(zoom - 1)} aria-label={t('hotline.map.zoomOut')}>−</button>
        </div>
        {service.attribution && <span className="hl-map-attr">{service.attribution}</span>}
      </div>
      <p className="hint" aria-live="polite">
        {value ? t('hotline.map.chosen', { lat: value.lat, lng: value.lng }) : t('hotline.map.hint')}
        {value && <> <button type="button" className="hl-file-remove" onClick={() => onChange(null)}>{t('hotline.map.clear')}</button></>}
      </p>
    </div>
  );
}
