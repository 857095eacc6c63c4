/**
 * Personal data typed into free text (a citizen's description, an operator's title): found by its shape and
 * masked wherever the text leaves the handling chain — the portal, Open311 JSON and XML, public exports,
 * and staff lists. The original stays only in the case's own facts, which the handling chain sees.
 *
 * What is found: 身份证号 (18 digits or 17 + X, and the old 15), mobile and fixed-line phone numbers, e-mail
 * addresses, bank-card-like runs of 16–19 digits, car plates, house numbers below street level (号楼/栋/
 * 单元/室/户 …), any other run of 11+ digits, names after a cue (我叫, 本人, 姓名, 联系人, 举报人 …) and the names the case's parties gave.
 * It is a safety net, not a guarantee: a name without a cue that no party gave is not recognised
 * (docs/SECURITY.md).
 */
import { maskIdNo, maskName, maskPhone } from './mask.ts';

const ID = /(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3}[- ]?\d{7,8})(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const CARD = /(?<!\d)(\d[\d ]{14,22}\d)(?!\d)/g;
const PLATE = /([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z])([A-Z0-9]{4,5}[A-Z0-9挂学警港澳]?)/g;
/** A run of 11 or more digits left after the shapes above (numbers glued together, an unknown ID format). */
const LONG_DIGITS = /\d{11,}/g;
const UNIT = /(\d+)(?=\s*(?:号楼|栋|幢|座|单元|层|楼|室|户|号房|号院|弄|号))/g;
const NAME_CUE = /(我叫|我是|本人|姓名[:：]?|联系人[:：]?|举报人[:：]?|投诉人[:：]?|申请人[:：]?|诉求人[:：]?|当事人[:：]?)([\u4e00-\u9fa5]{2,4}?)(?=[，。、,.;；：:\s（(]|先生|女士|$|电话|手机|，|的)/g;

const maskDigits = (s: string) => s.replace(/\d/g, '*');

/** Mask the personal data found in a text; `names`: names the case's parties gave (masked wherever they occur). */
export function redactText(text: string | null | undefined, names: readonly (string | null | undefined)[] = []): string {
  if (!text) return text ?? '';
  let s = text;
  s = s.replace(EMAIL, (m) => `${m[0]}***@${m.split('@')[1]}`);
  s = s.replace(ID, (m) => maskIdNo(m) ?? m);
  s = s.replace(CARD, (m) => {
    const d = m.replace(/ /g, '');
    return d.length >= 16 && d.length <= 19 ? `${d.slice(0, 4)} **** **** ${d.slice(-4)}` : m;
  });
  s = s.replace(MOBILE, (_m, p: string) => maskPhone(p.replace(/[- ]/g, '')) ?? _m);
  s = s.replace(LANDLINE, (m) => maskPhone(m.replace(/[- ]/g, '')) ?? m);
  s = s.replace(LONG_DIGITS, (m) => `${m.slice(0, 3)}${'*'.repeat(m.length - 7)}${m.slice(-4)}`);
  s = s.replace(PLATE, (_m, a: string, b: string) => `${a}${'*'.repeat(Math.max(1, b.length - 2))}${b.slice(-2)}`);
  s = s.replace(UNIT, (m) => maskDigits(m));
  s = s.replace(NAME_CUE, (_m, cue: string, name: string) => `${cue}${maskName(name)}`);
  for (const n of names) {
    const name = n?.trim();
    if (name && [...name].length >= 2) s = s.split(name).join(maskName(name) ?? '*');
  }
  return s;
}

/** An address for the public: street level only (house, building, unit and room numbers masked). */
export function redactAddress(address: string | null | undefined): string {
  return redactText(address ?? '').replace(/(\d+)(?=[\s-]*(?:号|弄|巷))/g, (m) => maskDigits(m));
}
