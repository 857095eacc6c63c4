/**
 * Every UI string goes through t('key'). zh-CN is complete; en is partial and falls back to zh-CN.
 * `{name}` placeholders are filled from the second argument.
 */
import { zhCN } from './i18n-zh.ts';

type Dict = Record<string, string>;
const en: Dict = {
  'portal.title': 'Government services',
  'portal.skip': 'Skip to main content',
  'portal.largeText': 'Large text',
  'portal.track.title': 'Track progress',
  'login.title': 'Staff sign-in',
  'login.submit': 'Sign in',
};

const dicts: Record<string, Dict> = { 'zh-CN': zhCN, en };
let locale = 'zh-CN';
export function setLocale(l: string): void { if (l in dicts) locale = l; }
export function getLocale(): string { return locale; }

export function t(key: string, vars?: Record<string, string | number>): string {
  let s = dicts[locale]?.[key] ?? zhCN[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** t() with a fallback for keys built from server values (a module's party roles, …). */
export function tf(key: string, fallback: string): string {
  return (dicts[locale]?.[key] ?? zhCN[key]) !== undefined ? t(key) : fallback;
}
