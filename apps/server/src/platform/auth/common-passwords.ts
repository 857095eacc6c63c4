/**
 * Passwords that meet the length and character-class rules but are among the first an attacker
 * tries: the published demo password, common words with the usual decorations ("Password@123",
 * "Admin@2024"), keyboard walks ("1qaz@WSX3edc"). Refused for every password set through the API
 * (new users, imports, changes); the demo seed alone may use the demo password. Compared without
 * case. A list, not a guarantee: length and the lockout do the rest (docs/SECURITY.md).
 */

/** The demo county's published password (README, demo/seed.ts DEMO_PASSWORD; a test keeps them equal). */
export const PUBLISHED_DEMO_PASSWORD = 'Yifa@2026demo';

const WORDS = [
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'admin', 'administrator', 'admin123', 'root', 'test', 'user', 'guest', 'welcome',
  'qwerty', 'qwertyui', 'asdfgh', 'zxcvbn', 'abc', 'abcd', 'abcde', 'abcdef', 'aa', 'aaa', 'a1', 'qwe', 'qaz', 'iloveyou', 'letmein', 'monkey',
  'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball', 'superman', 'changeme', 'default', 'secret', 'login', 'system', 'manager',
  'huawei', 'china', 'beijing', 'shanghai', 'woaini', 'wangwang', 'zhangsan', 'lisi', 'yifa', 'gov', 'zhengfu', 'county', 'hotline', 'service',
];
const SUFFIXES = [
  '123', '1234', '12345', '123456', '1234567', '12345678', '123456789', '1', '12', '01', '001', '111', '666', '888', '520', '1314', '2020', '2021',
  '2022', '2023', '2024', '2025', '2026', '2027', '!', '!!', '.', '#', '@',
];
const JOINERS = ['', '@', '#', '!', '.', '_', '*', '&', '$'];
const WALKS = [
  '1qaz2wsx', '1qaz@wsx', '1qaz@wsx3edc', '1qaz!qaz', '1qaz!qaz2wsx', '!qaz2wsx', '!qaz2wsx#edc', '!qaz@wsx#edc', '1q2w3e4r', '1q2w3e4r5t',
  '1q2w3e4r!', 'q1w2e3r4', 'q1w2e3r4t5', 'qwer1234', 'qwer!234', 'qwer@1234', 'qwe123!@#', 'qwe!@#123', 'qweasdzxc', 'qweasdzxc123', 'zaq12wsx',
  'zaq1@wsx', 'zxcv1234', 'zxcv!234', 'asdf1234', 'asdf!234', 'asdf@1234', '1234qwer', '1234!qwer', '123qwe!@#', '123qweasd', '123qweasdzxc',
  'aa123456', 'aa123456789', 'aa123456.', 'aa12345678', 'a123456789', 'a1234567890', 'abc123456', 'abc12345678', 'abcd1234', 'abcd@1234',
  'abc@123456', 'abc!123456', 'a12345678!', 'p@ssw0rd123', 'p@ssw0rd!', 'passw0rd!', 'password1!', 'password123!',
];

function build(): Set<string> {
  const out = new Set<string>([PUBLISHED_DEMO_PASSWORD.toLowerCase(), ...WALKS]);
  for (const w of WORDS) for (const j of JOINERS) for (const s of SUFFIXES) out.add(`${w}${j}${s}`);
  return out;
}

let LIST: Set<string> | null = null;

export function isCommonPassword(pw: string): boolean {
  LIST ??= build();
  return LIST.has(pw.toLowerCase());
}
