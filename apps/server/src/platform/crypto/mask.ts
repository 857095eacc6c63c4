/** Masking for lists and public views. Reveal goes through the audited reveal endpoint. */

/** 13812345678 → 138****5678; landlines keep the last 4. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const p = phone.replace(/\s+/g, '');
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (p.length <= 4) return '*'.repeat(p.length);
  return `${'*'.repeat(p.length - 4)}${p.slice(-4)}`;
}

/** 张三 → 张*; 欧阳娜娜 → 欧***; organisations are not masked by this helper. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 身份证号 → first 6 and last 4 kept: 511325********1234. */
export function maskIdNo(id: string | null | undefined): string | null {
  if (!id) return null;
  const s = id.trim();
  if (s.length < 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}
