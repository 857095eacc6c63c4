import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hmacSm3 } from './sm.ts';

/**
 * Field-level encryption of personal data with SM4 (GB/T 32907).
 *
 * Node 20's OpenSSL 3.0 has sm4-cbc but not sm4-gcm, so this is encrypt-then-MAC:
 * SM4-CBC with a random IV, authenticated with HMAC-SM3 over kid|iv|ciphertext.
 * Format: `sm4:<kid>:<iv b64url>:<ct b64url>:<mac b64url>`.
 *
 * Keys: a keyring { current, keys: { kid: hex64 } }; each key is 32 bytes: 16 for SM4, 16 for
 * the MAC. Rotation: add a key and make it current; old ciphertexts still decrypt by their kid;
 * `yifa keys rotate` re-encrypts them (see docs/DATABASE.md).
 */
export interface Keyring {
  current: string;
  keys: Record<string, string>;
  /**
   * PKCS#8 PEM of the SM2 key that signs audit checkpoints (platform/audit/checkpoints.ts). Generated into keys.json
   * in embedded mode; from YIFA_SIGNING_KEY with a server. Without it checkpoints are sealed with HMAC-SM3 only.
   */
  signing?: string;
}

/** Signs audit checkpoints: SM2 with SM3 (OpenSSL 3, default distinguishing ID). */
export interface CheckpointSigner { alg: 'SM2-SM3'; keyId: string; publicKeyPem: string; sign(data: string): string; verify(data: string, sig: string): boolean }

export class FieldCrypto {
  private readonly keys = new Map<string, { enc: Buffer; mac: Buffer }>();
  readonly current: string;
  private readonly indexKey: Buffer;
  /** Key of the keyed (HMAC-SM3) hash chains of events and audit records and of the case seals; derived like the blind index key. */
  readonly chainKey: Buffer;
  readonly signer: CheckpointSigner | null;
  private readonly trackKey: Buffer;

  constructor(ring: Keyring) {
    for (const [kid, hex] of Object.entries(ring.keys)) {
      const buf = Buffer.from(hex, 'hex');
      if (buf.length !== 32) throw new Error(`密钥 ${kid} 长度应为 32 字节（64 个十六进制字符）`);
      this.keys.set(kid, { enc: buf.subarray(0, 16), mac: buf.subarray(16) });
    }
    if (!this.keys.has(ring.current)) throw new Error(`当前密钥 ${ring.current} 不在密钥环中`);
    this.current = ring.current;
    // The blind index key is derived from the FIRST key so that indexes survive rotation.
    const first = Object.keys(ring.keys).sort()[0];
    this.indexKey = Buffer.from(hmacSm3(this.keys.get(first)!.mac, 'yifa-blind-index'), 'hex');
    this.chainKey = Buffer.from(hmacSm3(this.keys.get(first)!.mac, 'yifa-chain-key'), 'hex');
    this.trackKey = Buffer.from(hmacSm3(this.keys.get(first)!.mac, 'yifa-track-code'), 'hex');
    this.signer = ring.signing ? sm2Signer(ring.signing) : null;
  }

  encrypt(plain: string): string {
    const k = this.keys.get(this.current)!;
    const iv = crypto.randomBytes(16);
    const c = crypto.createCipheriv('sm4-cbc', k.enc, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    const mac = hmacSm3(k.mac, Buffer.concat([Buffer.from(this.current), iv, ct]));
    return `sm4:${this.current}:${iv.toString('base64url')}:${ct.toString('base64url')}:${Buffer.from(mac, 'hex').toString('base64url')}`;
  }

  decrypt(token: string): string {
    const [scheme, kid, ivB, ctB, macB] = token.split(':');
    const k = this.keys.get(kid);
    if (scheme !== 'sm4' || !k || !macB) throw new Error('无法解密：格式或密钥不符');
    const iv = Buffer.from(ivB, 'base64url');
    const ct = Buffer.from(ctB, 'base64url');
    const expect = Buffer.from(hmacSm3(k.mac, Buffer.concat([Buffer.from(kid), iv, ct])), 'hex');
    const got = Buffer.from(macB, 'base64url');
    if (expect.length !== got.length || !crypto.timingSafeEqual(expect, got)) throw new Error('无法解密：完整性校验失败');
    const d = crypto.createDecipheriv('sm4-cbc', k.enc, iv);
    return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
  }

  encryptOpt(plain: string | null | undefined): string | null {
    return plain === null || plain === undefined || plain === '' ? null : this.encrypt(plain);
  }
  decryptOpt(token: string | null | undefined): string | null {
    return token ? this.decrypt(token) : null;
  }

  /** Keyed SM3 of a normalised value, to find equal values without decrypting (e.g. same phone). */
  blindIndex(value: string): string {
    return hmacSm3(this.indexKey, value.replace(/\s+/g, '').toLowerCase());
  }

  /**
   * The code printed on a case's receipt, which with the case number lets a citizen track it (a second factor besides
   * the phone they gave): 8 characters derived from the case id under a key of the keyring, so nothing is stored and
   * nobody without the key can compute one.
   */
  trackingCode(caseId: string): string {
    const mac = Buffer.from(hmacSm3(this.trackKey, `track:${caseId}`), 'hex');
    return [...mac.subarray(0, 8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  }

  /** Is this ciphertext under an old key (to be re-encrypted by rotation)? */
  isStale(token: string): boolean {
    return token.split(':')[1] !== this.current;
  }
}

/** Letters and digits that cannot be misread (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newKeyHex(): string {
  return crypto.randomBytes(32).toString('hex');
}

/** A new SM2 private key (PKCS#8 PEM) for signing audit checkpoints. */
export function newSigningKeyPem(): string {
  return crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function sm2Signer(privatePem: string): CheckpointSigner {
  const key = crypto.createPrivateKey(privatePem);
  const publicKeyPem = crypto.createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return {
    alg: 'SM2-SM3',
    keyId: sm3Hex(publicKeyPem).slice(0, 16),
    publicKeyPem,
    sign: (data) => crypto.sign('sm3', Buffer.from(data), key).toString('base64'),
    verify: (data, sig) => verifySm2(publicKeyPem, data, sig),
  };
}

/** Verify an SM2 signature with a public key only (what a supervisor holding a checkpoint file has). */
export function verifySm2(publicKeyPem: string, data: string, sig: string): boolean {
  try { return crypto.verify('sm3', Buffer.from(data), crypto.createPublicKey(publicKeyPem), Buffer.from(sig, 'base64')); } catch { return false; }
}

const sm3Hex = (s: string) => crypto.createHash('sm3').update(s).digest('hex');

/**
 * The keyring: from YIFA_DATA_KEY (a single hex key, or JSON keyring) or, in embedded mode,
 * from `<dataDir>/keys.json`, generated on first start with owner-only permissions.
 */
export function loadKeyring(opts: { envKey?: string; signingKey?: string; dataDir?: string; embedded: boolean }): Keyring {
  const signing = opts.signingKey ? (opts.signingKey.includes('BEGIN') ? opts.signingKey : fs.readFileSync(opts.signingKey, 'utf8')) : undefined;
  if (opts.envKey) {
    const v = opts.envKey.trim();
    const ring = v.startsWith('{') ? JSON.parse(v) as Keyring : { current: 'k1', keys: { k1: v } };
    return { ...ring, signing: signing ?? ring.signing };
  }
  if (!opts.embedded || !opts.dataDir) {
    throw new Error('使用 PostgreSQL 服务器时必须通过环境变量 YIFA_DATA_KEY 提供字段加密密钥（64 个十六进制字符）。可用 `yifa keys generate` 生成。');
  }
  const file = path.join(opts.dataDir, 'keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    const ring: Keyring = { current: 'k1', keys: { k1: newKeyHex() }, signing: newSigningKeyPem() };
    fs.writeFileSync(file, JSON.stringify(ring, null, 2), { mode: 0o600, flag: 'wx' });
  }
  const ring = JSON.parse(fs.readFileSync(file, 'utf8')) as Keyring;
  if (!ring.signing && !signing) {
    // keys.json from before checkpoints were signed: add a signing key, keeping the data keys as they are
    ring.signing = newSigningKeyPem();
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(ring, null, 2), { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
  }
  return { ...ring, signing: signing ?? ring.signing };
}
