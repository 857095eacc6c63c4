import type { z } from 'zod';
import type { Role } from '../common/roles.ts';

/**
 * What an action does to the case's clocks. Clock keys are local to the case type ('reply',
 * 'review'); rule keys name a row of a rule table (see time/rules.ts).
 */
export type ClockEffect =
  /**
   * lengthField: the clock's length is taken from this field of the action's input or, failing
   * that, of the case's facts (e.g. a service item's 承诺时限); it may not exceed the rule's length.
   */
  /**
   * atField: the period starts on the legal date given in this input field (YYYY-MM-DD) instead of
   * the moment of the action — e.g. the 收到申请之日 of a letter signed for before it was registered
   * (政府信息公开条例 Art. 31). It may not lie in the future.
   */
  /**
   * rounds: the clock may run again in a later round (a second consultation): if it already ran
   * and was stopped, it restarts from the action (note = the reason) instead of failing.
   */
  /**
   * ruleField: the rule is picked by this field of the case's facts when it is set (a service item handled
   * jointly, a 12345 派单目录 leaf's limit, a ticket's urgency); `rule` otherwise. The fact holds either a whole
   * rule key or the last part of one (a word without dots: 'urgent' → `rule` + '.urgent'). Only `rule` itself or
   * a variant of it (`rule` + '.' + suffix) may be picked this way, so facts can never move a clock onto an
   * unrelated rule; anything else stops the action with an error.
   */
  /**
   * label: what this clock is called on deadline cards when one rule runs more than one clock of a case (the 12345
   * limit counted for the citizen from 受理 and for the unit from 派单); the rule's label otherwise.
   */
  | { start: string; rule: string; note?: string; lengthField?: string; atField?: string; rounds?: boolean; ruleField?: string; label?: string }
  /**
   * ifRunning (on stop, pause, resume, extend, restart): skip the effect when the clock was never started or has
   * stopped (a 12345 ticket in a 重办 round: its first-round clocks stopped at the first 答复) instead of failing.
   */
  /**
   * ifMet (on pause, resume, restart): apply the effect only when the named clock was stopped within its period. A
   * 补正 notice given after its own period (条例 Art. 30: within 7 working days) neither pauses nor restarts the answer
   * period, so a late notice cannot hide a late answer. A clock not known to be late (met, or undecided) counts as met.
   */
  | { stop: string; ifRunning?: boolean }
  | { pause: string; reason: string; ifRunning?: boolean; ifMet?: string }
  | { resume: string; ifRunning?: boolean; ifMet?: string }
  /**
   * amount and reason come from the action's input fields. rule: the extension is granted under a
   * rule of its own (its label and basis go into the explanation; its maxExtension caps the sum of
   * its own extensions, none = no cap), not under the clock's rule and not counted against its cap.
   */
  | { extend: string; amountField: string; reasonField: string; rule?: string; ifRunning?: boolean }
  | { restart: string; reason: string; ifRunning?: boolean; ifMet?: string }
  /** Stop every clock of the case that is still running or paused (the case ends early: 终止, 撤回); stopped ones stay as they are. */
  | { stopAll: true };

/** The clock an effect moves (null for `stopAll`, which moves every running one). */
export function effectClock(e: ClockEffect): string | null {
  if ('stopAll' in e) return null;
  return 'start' in e ? e.start : 'stop' in e ? e.stop : 'pause' in e ? e.pause : 'resume' in e ? e.resume : 'extend' in e ? e.extend : e.restart;
}

/**
 * The events at which the citizen (the case's party with a phone or e-mail) is sent a notice through the outbox: a
 * workflow declares which acts give which notice (`create.notify`, `ActionDef.notify`); the engine writes it in the act's
 * transaction, with the county's template of that event (platform/notifications/notices.ts).
 */
export type NoticeEvent = 'receipt' | 'correction' | 'extension' | 'answer' | 'closing';

/**
 * An in-app notice to staff that an act hands them work (派单 to the unit, 退单 to the centre that dispatched, 督办, an
 * approval waiting): the engine writes it in the act's transaction, after the modules saw the act (so 'lead' is the unit just chosen),
 * one per event and org — a replayed request (Idempotency-Key) writes nothing. 'lead': the case's current lead holders
 * (the owner when there is none); 'owner': the org that owns the case (the 12345 centre, the office that registered it).
 */
export interface StaffAlert {
  /** The unit the alert is for: the case's owner, or the unit(s) leading it now (a 派单's chosen unit). */
  to: 'lead' | 'owner';
  /**
   * Only the holders of this role over that unit (a grant on it, or on an org above it with its subtree), each as their own
   * notice: the 审核 approver, the 法制审核 reviewer, the supervisor who rules on an appeal. Without it the alert is the
   * unit's: every member with notification.view sees it, and each marks it read for themselves.
   */
  role?: string;
  /** What the recipient must do, as the inbox shows it ('新派工单待签收', '延期申请待审批'). */
  title: string;
}

/**
 * The public part of an act that answers the citizen (a 12345 reply, a licence decision, a disclosure answer): the
 * tracking page shows it with the act's date and the unit that took it. Only the fields named here are shown (never
 * internal notes), and free text in them is redacted like the public fields.
 */
export interface PublicAnswerDef {
  /** The outcome in words: fixed ('准予许可'), or an input field holding it ({ field, labels? }). */
  outcome: string | { field: string; labels?: Readonly<Record<string, string>> };
  /** The input field holding the text released to the citizen (the reply, the reasons). */
  text?: string;
  /** Further input fields shown with their labels (a licence number, a document number). */
  fields?: readonly { key: string; label: string }[];
}

export interface ActionDef<S extends string> {
  /** Chinese label of the button and of the timeline entry. */
  label: string;
  to: S;
  /** Roles that may perform it (on an org that holds the case). */
  roles: readonly Role[];
  /**
   * A declared permission (a manifest's `permissions`) that decides who may perform it over the case's holders,
   * evaluated by the spine's can() with the module's policy (e.g. the county administrator who keeps the 权责清单
   * for every org) — instead of `roles`, which then only say whom it is for (the workbench's filter).
   */
  permission?: string;
  /** Input schema; every field error is reported. Omit for actions without input. */
  input?: z.ZodObject;
  clocks?: readonly ClockEffect[];
  /** Is this step shown on the public (portal) timeline? */
  public?: boolean;
  /** Marks an action that must be confirmed in the UI (irreversible); the text says what follows from it. */
  confirm?: string;
  /**
   * A destructive act: it ends the matter without what was asked (终止办理, 视为放弃, 撤回…). Only these are shown
   * in the danger colour; other acts, even irreversible ones, are ordinary buttons.
   */
  danger?: boolean;
  /**
   * Performed by the platform (a module's periodic job), never by a user: it is not offered to
   * anyone and the engine refuses it to users (403). Its `roles` are empty.
   */
  system?: boolean;
  /** The notice this act sends the citizen (receipt, 补正, 延期, answer, closing); see NoticeEvent. */
  notify?: NoticeEvent;
  /** The in-app notice this act gives the staff who must act next (see StaffAlert). */
  alert?: StaffAlert;
  /** This act answers the citizen: its public part is shown on the tracking page (see PublicAnswerDef). */
  answer?: PublicAnswerDef;
}

/**
 * What the public may attach when opening a case without logging in (portal multipart, Open311
 * media). Types recognised by their first bytes; a type without a rule refuses files.
 */
export interface AttachmentRule {
  maxFiles: number;
  maxBytes: number;
  mimes: readonly string[];
  /** Where the limits come from, or that they are unsourced (configurable). */
  basis: string;
}

/**
 * How a fact is shown: the server resolves enum codes to labels and org ids to names, the console
 * formats by kind (dates in Beijing time, 日 / 个工作日, 元, 是/否). `pairs` is a record shown as
 * "名称：内容" lines (e.g. an application form).
 */
export type FactKind = 'text' | 'longText' | 'date' | 'datetime' | 'days' | 'workdays' | 'number' | 'money' | 'boolean' | 'enum' | 'org' | 'list' | 'pairs';

/**
 * A field of the case's `data` shown to staff on the case page, in declaration order. Fields not
 * declared are the module's working state and are not shown. Never personal data: that lives in
 * the parties (encrypted, masked).
 */
export interface FactDef {
  /** Field of `data`; a dotted path reads inside an object ('fee.amount'). */
  key: string;
  /** Chinese label. Default: the `.meta({ title })` of the field in the create input or an action input. */
  label?: string;
  /** Default: from that schema (enum, boolean, number, array, date, long string), fields ending in OrgId(s) are orgs, else text. */
  kind?: FactKind;
  /** Code → label of an enum or list. Default: the schema's `x-enumLabels`, else the codes as they are. */
  labels?: Readonly<Record<string, string>>;
  /**
   * A field of `data` holding this fact's unit (`workdays` | `days`), for a period whose unit depends on the case (a service
   * item's 法定时限 under another law): it overrides `kind` when set.
   */
  unitField?: string;
}

export interface StateDef {
  label: string;
  terminal?: boolean;
}

/**
 * A case type: a typed table state → action → {to, roles, input schema, clock effects}.
 * The server enforces it (409 listing allowed actions); the console renders buttons from it.
 */
export interface Workflow<S extends string = string> {
  type: string;
  label: string;
  /** Prefix of public case numbers, e.g. 'HG' → HG-2021-000123. */
  prefix: string;
  states: Record<S, StateDef>;
  initial: S;
  /** Who may open a case and what it needs. */
  create: {
    roles: readonly Role[];
    /** As ActionDef.permission: a declared permission over the owner (or an org opened for) decides instead of `roles`. */
    permission?: string;
    input: z.ZodObject;
    clocks?: readonly ClockEffect[];
    label: string;
    /** Citizens and enterprises may open one without logging in (portal, Open311). */
    public?: boolean;
    /** Files the public may send with the submission (none = no files). */
    publicAttachments?: AttachmentRule;
    /**
     * Top-level input fields that are personal data (besides `parties`): the type's open() turns them into
     * parties (encrypted, masked); the engine keeps them out of the stored event.
     */
    personal?: readonly string[];
    /** The notice the citizen gets when the case is opened (usually 'receipt'). */
    notify?: NoticeEvent;
    /** The in-app notice to the staff who must act first (a draft sent for 合法性审核: the reviewers). */
    alert?: StaffAlert;
  };
  transitions: Partial<Record<S, Record<string, ActionDef<S>>>>;
  /** The facts staff see on the case page (see FactDef); none declared = none shown. */
  facts?: readonly FactDef[];
  /**
   * Who sees a case of this type (404 otherwise): an actor holding one of these declared permissions over the case's
   * holders. Default: `case.view`.
   */
  view?: readonly string[];
  /**
   * A record the engine runs that is not a 案件 of the public (a catalogue item, an adjustment of the 权责清单): the
   * portal's tracking by number does not find it and the spine's case metrics (cases.*) leave it out.
   */
  internal?: boolean;
}

export function defineWorkflow<S extends string>(w: Workflow<S>): Workflow<S> {
  for (const [state, actions] of Object.entries(w.transitions) as [S, Record<string, ActionDef<S>>][]) {
    if (!(state in w.states)) throw new Error(`${w.type}: unknown state ${state}`);
    for (const [name, a] of Object.entries(actions)) {
      if (!(a.to in w.states)) throw new Error(`${w.type}: ${state}.${name} goes to unknown state ${a.to}`);
    }
  }
  return w;
}

/** Actions defined from a state, regardless of who asks. */
export function actionsFrom<S extends string>(w: Workflow<S>, state: S): string[] {
  return Object.keys(w.transitions[state] ?? {});
}
