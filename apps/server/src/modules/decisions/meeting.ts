/**
 * 集体讨论决定 (713号 Art. 30), pure: every view is an attendee's, the 行政首长 is present and speaks last, and decides against
 * the majority of the others' views only with a stated reason. Returns each problem with the field it concerns.
 */
import { ORDER } from './workflow.ts';

export interface Meeting {
  attendees: string[]; views: { name: string; view: string }[]; head: string; headDecision: string; headReason?: string | null;
}

/** The others' majority: more 同意 than 不同意 (保留意见 counts for neither). */
export function majorityOf(views: { view: string }[]): 'for' | 'against' | 'even' {
  const yes = views.filter((v) => v.view === '同意').length;
  const no = views.filter((v) => v.view === '不同意').length;
  return yes > no ? 'for' : no > yes ? 'against' : 'even';
}

export function meetingProblems(m: Meeting): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const attendees = new Set(m.attendees);
  if (!attendees.has(m.head)) errors.push({ path: 'body.input.head', message: '行政首长应在出席人员中' });
  m.views.forEach((v, i) => { if (!attendees.has(v.name)) errors.push({ path: `body.input.views.${i}.name`, message: `${v.name}不在出席人员中` }); });
  if (m.views.at(-1)?.name !== m.head) {
    errors.push({ path: 'body.input.views', message: `行政首长在集体讨论的基础上作出决定，应当最后发表意见（${ORDER}第三十条）` });
  }
  const majority = majorityOf(m.views.filter((v) => v.name !== m.head));
  const against = (majority === 'for' && m.headDecision !== '通过') || (majority === 'against' && m.headDecision === '通过');
  if (against && !m.headReason) {
    errors.push({ path: 'body.input.headReason', message: `行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当说明理由（${ORDER}第三十条）` });
  }
  return errors;
}
