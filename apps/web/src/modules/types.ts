/**
 * What a module gives the web: one object per module (modules/<id>/index.ts), gathered by the one
 * list in modules/index.ts — the web's mirror of apps/server/src/modules/index.ts. The console's
 * menu and routes and the portal's routes are built from that list and the spine's own screens
 * (console/spine.ts, portal/spine.ts); nothing else in the shell names a module.
 *
 * Keep these objects light: they are in the initial bundle of both entries. Screens are
 * React.lazy(() => import('./console/X.tsx')) so that their code loads only when opened.
 */
import type { ComponentType, LazyExoticComponent } from 'react';
import type { LocaleStrings } from '../lib/i18n.ts';

/** A screen gets the route's `:params`; it reads the query string itself (useLocation). */
export interface ScreenProps { params: Record<string, string> }
export type Screen = LazyExoticComponent<ComponentType<ScreenProps>>;

/** A permission key the user must hold on some org (the session's `abilities`); several = any of them. */
export type Ability = string | readonly string[];

/** A console page: its address, title, who may open it, its screen, and whether the menu lists it. */
export interface ConsolePage {
  /** '/console/hotline/intake'; ':name' segments are params ('/console/cases/:id'). */
  path: string;
  /** i18n key of the page title (the browser tab) and of its menu entry. */
  title: string;
  /** Who may open it and see it in the menu; omitted = every signed-in user. The server still checks every request. */
  ability?: Ability;
  screen: Screen;
  /**
   * Listed in the side menu when present. `group`: i18n key of the submenu it sits in — pages with
   * the same group share one submenu, placed where its first page is (list order); `label`: i18n key
   * if the menu entry reads differently from the title.
   */
  menu?: { group?: string; label?: string };
}

/** A portal page (public, no login). The home page's entries come from the server (GET /api/v1/public/info, the manifests' portalEntries). */
export interface PortalPage {
  /** '/p/services/:id' */
  path: string;
  /** i18n key of the page title. */
  title: string;
  screen: Screen;
}

export interface WebModule {
  /** The server module's id (its manifest in apps/server/src/modules/<id>/module.ts). */
  id: string;
  /** i18n key of the module's name ('<id>.name'), e.g. in the dashboard's module filter. */
  label: string;
  /** The module's strings; every key starts with '<id>.'. */
  strings: LocaleStrings;
  console?: ConsolePage[];
  portal?: PortalPage[];
}
