/** 集体讨论决定 (713号 Art. 30) as pure rules, by property: the head last, a reason whenever the head goes against the majority. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { majorityOf, meetingProblems } from './meeting.ts';

const VIEWS = ['同意', '不同意', '保留意见'] as const;
const DECISIONS = ['通过', '不予通过', '修改后再次讨论'] as const;
const others = fc.uniqueArray(fc.constantFrom('甲', '乙', '丙', '丁', '戊', '己'), { minLength: 1, maxLength: 6 })
  .chain((names) => fc.tuple(fc.constant(names), fc.array(fc.constantFrom(...VIEWS), { minLength: names.length, maxLength: names.length })));

describe('集体讨论决定 (Art. 30)', () => {
  it('a meeting where the head speaks last, in line with the majority or with a reason, has no problem', () => {
    fc.assert(fc.property(others, fc.constantFrom(...DECISIONS), fc.boolean(), ([names, views], decision, reason) => {
      const m = { attendees: [...names, '县长'], views: [...names.map((name, i) => ({ name, view: views[i] })), { name: '县长', view: '同意' }], head: '县长',
        headDecision: decision, headReason: reason ? '理由如下' : null };
      const maj = majorityOf(m.views.slice(0, -1));
      const against = (maj === 'for' && decision !== '通过') || (maj === 'against' && decision === '通过');
      expect(meetingProblems(m).map((e) => e.path)).toEqual(against && !reason ? ['body.input.headReason'] : []);
    }));
  });

  it('a head who does not speak last is always refused, naming the views', () => {
    fc.assert(fc.property(others, ([names, views]) => {
      const m = { attendees: [...names, '县长'], views: [{ name: '县长', view: '同意' }, ...names.map((name, i) => ({ name, view: views[i] }))], head: '县长',
        headDecision: '修改后再次讨论', headReason: '再议' };
      expect(meetingProblems(m).map((e) => e.path)).toContain('body.input.views');
    }));
  });

  it('a view from someone not attending is refused by its index', () => {
    const m = { attendees: ['县长', '甲'], views: [{ name: '乙', view: '同意' }, { name: '县长', view: '同意' }], head: '县长', headDecision: '通过' };
    expect(meetingProblems(m).map((e) => e.path)).toEqual(['body.input.views.0.name']);
  });
});
