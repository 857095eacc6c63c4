import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FieldCrypto } from './field-crypto.ts';
import { maskIdNo, maskName, maskPhone } from './mask.ts';
import { sm3 } from './sm.ts';

const k1 = '11'.repeat(32);
const k2 = '22'.repeat(32);

describe('SM3 and SM4 field encryption', () => {
  it('SM3 gives the GB/T 32905 test vector', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('round-trips any text, with a fresh IV each time', () => {
    const c = new FieldCrypto({ current: 'k1', keys: { k1 } });
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => { expect(c.decrypt(c.encrypt(s))).toBe(s); }), { numRuns: 200 });
    expect(c.encrypt('13812345678')).not.toBe(c.encrypt('13812345678'));
  });

  it('detects a tampered ciphertext', () => {
    const c = new FieldCrypto({ current: 'k1', keys: { k1 } });
    const t = c.encrypt('张三').split(':');
    t[3] = t[3].slice(0, -2) + (t[3].endsWith('AA') ? 'BB' : 'AA');
    expect(() => c.decrypt(t.join(':'))).toThrow(/完整性/);
  });

  it('rotation: old ciphertexts still decrypt and are marked stale; the blind index survives', () => {
    const old = new FieldCrypto({ current: 'k1', keys: { k1 } });
    const rotated = new FieldCrypto({ current: 'k2', keys: { k1, k2 } });
    const ct = old.encrypt('13812345678');
    expect(rotated.decrypt(ct)).toBe('13812345678');
    expect(rotated.isStale(ct)).toBe(true);
    expect(rotated.isStale(rotated.encrypt('x'))).toBe(false);
    expect(rotated.blindIndex('138 1234 5678')).toBe(old.blindIndex('13812345678'));
  });
});

describe('masking', () => {
  it('masks phones, names and ID numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0817-2345678')).toBe('********5678');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskIdNo('511325199001011234')).toBe('511325********1234');
  });
});
