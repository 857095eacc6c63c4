import { describe, expect, it } from 'vitest';
import { checkFields, plainMessage } from './forms.ts';

describe('portal forms speak plain Chinese per field', () => {
  it('a validator\'s text becomes "请填写…" or "…格式不正确"; a message the server wrote itself is kept', () => {
    expect(plainMessage('无效输入：期望 string，实际接收 undefined', '联系电话')).toBe('请填写联系电话');
    expect(plainMessage('无效字符串：必须满足正则表达式 /^1\\d{10}$/', '联系电话')).toBe('联系电话格式不正确');
    expect(plainMessage('Invalid input: expected string, received undefined')).toBe('请填写此项');
    expect(plainMessage('请填写有效的手机或固定电话号码', '联系电话')).toBe('请填写有效的手机或固定电话号码');
  });
  it('checks before sending: missing, too short, and the shape of a phone, mobile, e-mail', () => {
    const e = checkFields({ phone: '', mobile: '123', email: 'x@', description: '短', town: '' }, {
      phone: { label: '联系电话', required: true, kind: 'phone' }, mobile: { label: '手机', kind: 'mobile' }, email: { label: '邮箱', kind: 'email' },
      description: { label: '诉求内容', required: true, min: 5 }, town: { label: '乡镇', required: true, choice: true },
    });
    expect(e).toEqual({
      phone: '请填写联系电话', mobile: '手机号码格式不正确（11 位数字）', email: '电子邮箱格式不正确', description: '诉求内容至少 5 个字', town: '请选择乡镇',
    });
    expect(checkFields({ phone: '0833-1234567' }, { phone: { label: '联系电话', required: true, kind: 'phone' } })).toEqual({});
  });
});
