import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DOC_NO_RE, docNoRuleError, fillTemplate, placeholdersOf, renderDocNo, sampleValues, TemplateFillError, templateProblems, type PlaceholderDef,
} from './template.ts';

const KNOWN: Record<string, PlaceholderDef> = {
  当事人: { label: '当事人', sample: '张三' },
  事项: { label: '办理事项', sample: '食品经营许可' },
  补正内容: { label: '需补正的全部内容', sample: ['经营场所平面图', '食品安全管理制度'] },
  说明: { label: '说明（可空）', sample: '' },
};
const ok = { title: '受理通知书', docNo: '示审批受字〔{year}〕{n}号', body: '> {{当事人}}：\n你申请的{{事项}}，本机关决定受理。' };

describe('templateProblems: every mistake at save time, on its field', () => {
  it('an unknown placeholder is named with the ones that may be used', () => {
    const p = templateProblems({ ...ok, body: '{{申请人}}申请的{{事项}}{{办理期限}}' }, KNOWN);
    expect(p).toHaveLength(1);
    expect(p[0].path).toBe('body');
    expect(p[0].message).toContain('{{申请人}}、{{办理期限}}');
    expect(p[0].message).toContain('可用的有：当事人、事项、补正内容、说明');
  });
  it('stray braces, an empty title, unequal table rows, each reported', () => {
    const p = templateProblems({ title: ' ', docNo: ok.docNo, body: '{{当事人}\n| a | b |\n| c |' }, KNOWN);
    expect(p.map((x) => x.path).sort()).toEqual(['body', 'body', 'title']);
    expect(p.find((x) => x.message.includes('第 3 行'))).toBeTruthy();
  });
  it('the 文号 rule: {year} and one {n}, 〔〕 and 号 (GB/T 9704 7.2.5)', () => {
    expect(docNoRuleError('示审批受字〔{year}〕{n}号')).toBeNull();
    expect(docNoRuleError('示审批受字[{year}]{n}号')).toContain('六角括号');
    expect(docNoRuleError('示审批受字〔{year}〕号')).toContain('{n}');
    expect(docNoRuleError('示审批受字〔2026〕{n}号')).toContain('{year}');
    expect(docNoRuleError('{org}〔{year}〕{n}号')).toContain('{org}');
    expect(docNoRuleError('')).toContain('请填写');
    expect(templateProblems({ ...ok, docNo: '受字第{n}号' }, KNOWN).map((x) => x.path)).toEqual(['docNo']);
  });
  it('a correct template has no problems, and fills with the samples', () => {
    expect(templateProblems(ok, KNOWN)).toEqual([]);
    expect(fillTemplate(ok, sampleValues(KNOWN)).blocks[0]).toEqual({ kind: 'flush', text: '张三：' });
  });
});

describe('fillTemplate', () => {
  it('a missing value is an error naming every missing placeholder (never a blank in an issued document)', () => {
    expect(() => fillTemplate({ title: '{{事项}}', body: '{{当事人}}{{补正内容}}' }, { 当事人: 'x' })).toThrow(TemplateFillError);
    try { fillTemplate({ title: '{{事项}}', body: '{{当事人}}{{补正内容}}' }, { 当事人: 'x' }); } catch (e) {
      expect((e as TemplateFillError).missing).toEqual(['事项', '补正内容']);
    }
  });
  it('headings, flush lines, tables, list items as paragraphs, empty optional lines dropped', () => {
    const body = ['一、告知事项', '（一）补正', '{{补正内容}}', '{{说明}}', '需补正：{{补正内容}}', '| 受送达人 | {{当事人}} |', '| 送达文书 | {{补正内容}} |', '正文'];
    const r = fillTemplate({ title: 't', body: body.join('\n') }, sampleValues(KNOWN));
    expect(r.blocks).toEqual([
      { kind: 'h1', text: '一、告知事项' }, { kind: 'h2', text: '（一）补正' },
      { kind: 'p', text: '经营场所平面图' }, { kind: 'p', text: '食品安全管理制度' },
      { kind: 'p', text: '需补正：经营场所平面图、食品安全管理制度' },
      { kind: 'table', rows: [['受送达人', '张三'], ['送达文书', '经营场所平面图\n食品安全管理制度']] },
      { kind: 'p', text: '正文' },
    ]);
  });
  it('property: values are inserted literally (a value holding {{x}} is never expanded again)', () => {
    const line = fc.string({ maxLength: 30 }).map((x) => x.replace(/\s+/g, ' ').trim());
    fc.assert(fc.property(line, line, (a, b) => {
      const values = { 当事人: `${a}{{事项}}`, 事项: b };
      const r = fillTemplate({ title: '{{事项}}', body: '> 致：{{当事人}}\n事项：{{事项}}' }, values);
      expect(r.blocks[0]).toEqual({ kind: 'flush', text: `致：${a}{{事项}}` });
      expect(r.title).toBe(b);
    }));
  });
  it('property: a template built from known placeholders only has no placeholder problems', () => {
    const names = Object.keys(KNOWN);
    const picks = fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(picks, fc.array(fc.constantFrom('', '、', '本机关', '\n'), { maxLength: 8 }), (picked, glue) => {
      const body = picked.map((p, i) => `${glue[i] ?? ''}{{${p}}}`).join('') || '正文';
      expect(templateProblems({ ...ok, body: `正文${body}` }, KNOWN)).toEqual([]);
      expect(placeholdersOf(body).every((p) => names.includes(p))).toBe(true);
    }));
  });
  it('property: every rendered 文号 of a valid rule matches GB/T 9704', () => {
    fc.assert(fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 100000 }), (y, n) => {
      expect(renderDocNo('示审批受字〔{year}〕{n}号', y, n)).toMatch(DOC_NO_RE);
    }));
  });
});
