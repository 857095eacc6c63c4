import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactAddress, redactText } from './redact.ts';

describe('redactText: personal data typed into free text', () => {
  it('masks ID numbers, phones, e-mail, cards, plates, house numbers and cued names', () => {
    const t = '我叫张小明，身份证号511325199001011234，电话13812345678，座机028-86123456，邮箱zhangxm@example.com，'
      + '卡号6222 0212 3456 7890 123，车牌川R12345，住人民路15号3栋2单元502室。联系人：李四，谢谢';
    const r = redactText(t);
    for (const secret of ['张小明', '511325199001011234', '13812345678', '86123456', 'zhangxm@', '6222 0212 3456 7890 123', 'R12345', '502室', '3栋', '2单元', '李四']) {
      expect(r, secret).not.toContain(secret);
    }
    expect(r).toContain('511325********1234');
    expect(r).toContain('138****5678');
    expect(r).toContain('人民路');
    expect(r).toContain('我叫张**');
  });

  it('masks the names the parties gave wherever they occur, and leaves ordinary text alone', () => {
    expect(redactText('王大锤反映井盖缺失，王大锤说很危险', ['王大锤'])).toBe('王**反映井盖缺失，王**说很危险');
    const plain = '城关镇人民路井盖缺失，晚上行人容易掉进去，非常危险。';
    expect(redactText(plain)).toBe(plain);
    expect(redactText('2025年第3季度共处理120件')).toBe('2025年第3季度共处理120件');
  });

  it('property: no 11-digit mobile number or 18-character ID survives, whatever surrounds it', () => {
    const mobile = fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), fc.stringMatching(/^\d{9}$/)).map(([a, b]) => `1${a}${b}`);
    const idNo = fc.tuple(fc.stringMatching(/^[1-9]\d{5}$/), fc.integer({ min: 1950, max: 2020 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.stringMatching(/^\d{3}[\dX]$/))
      .map(([a, y, m, d, z]) => `${a}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${z}`);
    const filler = fc.string({ unit: fc.constantFrom('路', '号', '，', '我', ' ', 'a', '。', '的'), maxLength: 6 });
    fc.assert(fc.property(filler, mobile, filler, idNo, filler, (a, p, b, id, c) => {
      const r = redactText(`${a}${p}${b}${id}${c}`);
      return !r.includes(p) && !r.includes(id);
    }), { seed: 20261130, numRuns: 300 });
  });

  it('redactAddress keeps the street and hides the house', () => {
    expect(redactAddress('示范县城关镇人民路128号5栋1单元301室')).toBe('示范县城关镇人民路***号*栋*单元***室');
  });
});
