import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords.ts';

/** argon2id with the OWASP-recommended floor (19 MiB, t=2, p=1). */
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, OPTIONS);
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try { return await verify(stored, pw); } catch { return false; }
}

/** A hash to verify against when the user does not exist, so timing does not tell. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-0A!');
  return dummy;
}

/**
 * Password policy (等保 2.0 level 3 practice): at least 10 characters, at least three of
 * upper case, lower case, digits, symbols; must not contain the username; not a common password
 * nor the published demo password (common-passwords.ts) unless `allowDemo` (the demo seed only).
 * Returns the problems in Chinese, empty when the password is acceptable.
 */
export function passwordProblems(pw: string, username?: string, opts: { allowDemo?: boolean } = {}): string[] {
  const out: string[] = [];
  if (pw.length < 10) out.push('密码至少 10 位');
  if (pw.length > 128) out.push('密码最多 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  if (classes < 3) out.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && username.length >= 3 && pw.toLowerCase().includes(username.toLowerCase())) out.push('密码不能包含用户名');
  if (!opts.allowDemo && isCommonPassword(pw)) out.push('该密码过于常见（或是公开的演示密码），请换一个');
  return out;
}
