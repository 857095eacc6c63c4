/**
 * The console's menu and routes, built from the spine's pages and the module list only: adding a
 * module adds its pages here without touching this file.
 */
import { t } from '../lib/i18n.ts';
import { match } from '../lib/router.ts';
import { WEB_MODULES } from '../modules/index.ts';
import type { ConsolePage } from '../modules/types.ts';
import { SPINE_ADMIN, SPINE_TOP } from './spine.ts';

/** Every console page: the spine's top pages, each module's (list order), the spine's 系统管理. */
export const CONSOLE_PAGES: ConsolePage[] = [...SPINE_TOP, ...WEB_MODULES.flatMap((m) => m.console ?? []), ...SPINE_ADMIN];

/** The page whose path pattern matches, with its params. */
export function findPage(pathname: string, pages: ConsolePage[] = CONSOLE_PAGES): { page: ConsolePage; params: Record<string, string> } | null {
  for (const page of pages) {
    const params = match(page.path, pathname);
    if (params) return { page, params };
  }
  return null;
}

export interface MenuLeaf { key: string; label: string }
export interface MenuGroup { key: string; label: string; children: MenuLeaf[] }
export type MenuItem = MenuLeaf | MenuGroup;

/** antd Menu items for the pages the user may open: keys are paths, submenus keyed 'group:<label key>'. */
export function menuItems(can: (p: ConsolePage) => boolean, pages: ConsolePage[] = CONSOLE_PAGES): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<string, MenuGroup>();
  for (const p of pages) {
    if (!p.menu || !can(p)) continue;
    const item = { key: p.path, label: t(p.menu.label ?? p.title) };
    if (!p.menu.group) { items.push(item); continue; }
    let g = groups.get(p.menu.group);
    if (!g) {
      g = { key: `group:${p.menu.group}`, label: t(p.menu.group), children: [] };
      groups.set(p.menu.group, g);
      items.push(g);
    }
    g.children.push(item);
  }
  return items;
}

/** The menu entry to highlight: the visible page whose path is the longest prefix of the current one. */
export function activeMenu(pathname: string, visible: ConsolePage[]): ConsolePage | undefined {
  const within = (p: string) => pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`);
  return visible.filter((p) => p.menu && within(p.path)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** A module's root ('/console/hotline') opens its first page the user may open. */
export function firstPageUnder(pathname: string, visible: ConsolePage[]): ConsolePage | undefined {
  return visible.find((p) => p.menu && p.path.startsWith(`${pathname}/`));
}
