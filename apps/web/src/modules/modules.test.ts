/**
 * The web's module list mirrors the server's: same modules in the same order, every ability a page
 * asks for is a declared permission, every title has a string, every portal entry the server
 * lists has a page. (Server code is loaded by path so that the web's type check stays the web's.)
 */
import { describe, expect, it } from 'vitest';
import { hasString } from '../lib/i18n.ts';
import { match } from '../lib/router.ts';
import { SPINE_ADMIN, SPINE_TOP } from '../console/spine.ts';
import { SPINE_PORTAL } from '../portal/spine.ts';
import { WEB_MODULES } from './index.ts';
import type { ConsolePage } from './types.ts';

interface ServerManifest { id: string; permissions?: Record<string, unknown>; portalEntries?: { href: string }[] }
const serverModules = '../../../server/src/modules/index.ts';
const serverSpine = '../../../server/src/platform/spine.ts';
const server = async () => {
  const { MODULES } = await import(/* @vite-ignore */ serverModules) as { MODULES: ServerManifest[] };
  const { spineManifest } = await import(/* @vite-ignore */ serverSpine) as { spineManifest: ServerManifest };
  return { modules: MODULES, spine: spineManifest };
};

const consolePages: ConsolePage[] = [...SPINE_TOP, ...SPINE_ADMIN, ...WEB_MODULES.flatMap((m) => m.console ?? [])];
const portalPages = [...SPINE_PORTAL, ...WEB_MODULES.flatMap((m) => m.portal ?? [])];

describe('the web module list', () => {
  it('has the server\'s modules, in the server\'s order', async () => {
    const { modules } = await server();
    expect(WEB_MODULES.map((m) => m.id)).toEqual(modules.map((m) => m.id));
  });

  it('asks only for declared permissions', async () => {
    const { modules, spine } = await server();
    const declared = new Set([spine, ...modules].flatMap((m) => Object.keys(m.permissions ?? {})));
    const asked = consolePages.flatMap((p) => (p.ability === undefined ? [] : typeof p.ability === 'string' ? [p.ability] : [...p.ability]));
    expect(asked.filter((a) => !declared.has(a))).toEqual([]);
  });

  it('names every page, menu group and module with a string, and each page has its own address', () => {
    const keys = [
      ...WEB_MODULES.map((m) => m.label),
      ...consolePages.flatMap((p) => [p.title, p.menu?.label, p.menu?.group]),
      ...portalPages.map((p) => p.title),
    ].filter((k): k is string => !!k);
    expect(keys.filter((k) => !hasString(k))).toEqual([]);
    const paths = [...consolePages, ...portalPages].map((p) => p.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
    expect(consolePages.every((p) => p.path === '/console' || p.path.startsWith('/console/'))).toBe(true);
    expect(portalPages.every((p) => p.path.startsWith('/p/'))).toBe(true);
  });

  it('has a portal page for every home-page entry the server lists', async () => {
    const { modules } = await server();
    const hrefs = ['/p/track', ...modules.flatMap((m) => m.portalEntries ?? []).map((e) => e.href.split('?')[0])];
    expect(hrefs.filter((h) => !portalPages.some((p) => match(p.path, h)))).toEqual([]);
  });
});
