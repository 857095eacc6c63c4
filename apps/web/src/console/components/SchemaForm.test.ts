import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { initialValues, toInput, type JsonSchema } from './SchemaForm.tsx';

// The shape zod's toJSONSchema gives a 依申请公开 registration: a nested applicant, a zDate, a record of named values.
const schema: JsonSchema = {
  type: 'object',
  properties: {
    parties: { type: 'object', title: '申请人', properties: {
      applicant: { type: 'object', properties: { name: { type: 'string', title: '姓名' }, phone: { type: 'string', pattern: '^1\\d{10}$', title: '联系电话' } } },
    } },
    receivedOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', title: '收到申请之日' },
    attributes: { type: 'object', title: '事项要素', default: { 道路: '人民路' } },
    note: { type: 'string' },
  },
};

describe('schema forms without JSON (issue 11)', () => {
  it('nested objects are groups of fields; dates come from a date picker; named values from lines', () => {
    const input = toInput(schema, {
      parties: { applicant: { name: '王五', phone: '13900001111' } }, receivedOn: dayjs('2026-11-20'), attributes: '道路：人民路\n门牌号: 12号\n', note: '',
    });
    expect(input).toEqual({ parties: { applicant: { name: '王五', phone: '13900001111' } }, receivedOn: '2026-11-20', attributes: { 道路: '人民路', 门牌号: '12号' } });
  });
  it('an empty group is left out rather than sent as {}', () => {
    expect(toInput(schema, { parties: { applicant: { name: '' } } })).toEqual({});
  });
  it('defaults fill nested groups and show named values as lines', () => {
    expect(initialValues(schema)).toEqual({ attributes: '道路：人民路' });
  });
});

describe('lists of records (a meeting’s views, issue 14)', () => {
  const meeting: JsonSchema = { type: 'object', properties: {
    views: { type: 'array', title: '与会人员意见', minItems: 1, items: { type: 'object', required: ['name', 'view'], properties: {
      name: { type: 'string', title: '发言人' }, view: { type: 'string', enum: ['同意', '不同意'] }, on: { type: 'string', format: 'date' },
      remarks: { type: 'string' } } } },
  } };
  it('each row is sent as a record, its dates as YYYY-MM-DD, its empty strings dropped; an empty row is left out', () => {
    const input = toInput(meeting, { views: [{ name: '副县长乙', view: '不同意', on: dayjs('2026-11-20'), remarks: '' }, {}, { name: '县长', view: '同意' }] });
    expect(input).toEqual({ views: [{ name: '副县长乙', view: '不同意', on: '2026-11-20' }, { name: '县长', view: '同意' }] });
  });
});
