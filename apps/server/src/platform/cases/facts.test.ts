import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeInput } from './facts.ts';

describe('describeInput: an act in words on the case timeline', () => {
  const meeting = z.object({
    attendees: z.array(z.string()).meta({ title: '出席人员' }),
    views: z.array(z.object({ name: z.string().meta({ title: '发言人' }), view: z.enum(['同意', '不同意']).meta({ title: '意见' }),
      remarks: z.string().optional().meta({ title: '发言要点' }) })).meta({ title: '与会人员意见' }),
    checks: z.array(z.object({ a: z.object({ deep: z.string() }) })).meta({ title: '嵌套' }),
  });
  it('a list of records reads record by record (a dissent and its reason visible), a list of words joined, records of nothing counted', () => {
    const d = describeInput(meeting, {
      attendees: ['县长', '副县长乙'], views: [{ name: '副县长乙', view: '不同意', remarks: '建议先行试点' }, { name: '县长', view: '同意' }], checks: [{ a: { deep: 'x' } }],
    }, new Map());
    expect(d).toEqual([
      { label: '出席人员', value: '县长、副县长乙' },
      { label: '与会人员意见', value: '副县长乙，不同意，建议先行试点；县长，同意' },
      { label: '嵌套', value: '1 项' },
    ]);
  });
});
