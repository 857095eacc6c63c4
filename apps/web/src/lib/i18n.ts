/**
 * One string convention for the whole web: `t('namespace.screen.name', { param })`.
 * - The spine's strings live in lib/strings/ (keys 'common.…', 'case.…', 'nav.…', …).
 * - Each module's strings live in its folder (apps/web/src/modules/<id>/strings.ts), every key starting with
 *   '<id>.', and are added from the module list (modules/index.ts) with addStrings().
 * zh-CN is complete; another locale (en) may be partial and falls back to zh-CN. `{name}` placeholders are filled
 * from the second argument.
 */
import { EN } from './strings/en.ts';
import { ZH_CN } from './strings/zh-CN.ts';

export type Dict = Record<string, string>;
export type Locale = 'zh-CN' | 'en';
/** A module's strings: zh-CN complete, other locales optional. */
export interface LocaleStrings { 'zh-CN': Dict; en?: Dict }

const dicts: Record<Locale, Dict> = { 'zh-CN': { ...ZH_CN }, en: { ...EN } };
let locale: Locale = 'zh-CN';
export function setLocale(l: Locale): void { locale = l; }
export function getLocale(): Locale { return locale; }

/**
 * Add a module's strings. Every key must start with `<namespace>.` so that two modules cannot
 * overwrite each other's strings (a mistake fails at start-up, not silently on some screen).
 */
export function addStrings(namespace: string, strings: LocaleStrings): void {
  for (const [l, dict] of Object.entries(strings) as [Locale, Dict][]) {
    const stray = Object.keys(dict).filter((k) => !k.startsWith(`${namespace}.`));
    if (stray.length) throw new Error(`strings of ${namespace} outside its namespace: ${stray.slice(0, 5).join(', ')}`);
    Object.assign(dicts[l] ??= {}, dict);
  }
}

/** Is there a string for this key (in the current locale or zh-CN)? */
export function hasString(key: string): boolean {
  return dicts[locale][key] !== undefined || dicts['zh-CN'][key] !== undefined;
}

export function t(key: string, params?: Record<string, string | number>): string {
  let s = dicts[locale][key] ?? dicts['zh-CN'][key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** t() for a key built from a server value (a party role, an org role…): the server's own text when there is no string. */
export function tf(key: string, fallback: string): string {
  return hasString(key) ? t(key) : fallback;
}
