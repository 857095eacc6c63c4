import type { Workflow } from '@yifa/contracts';
import type { Tx } from '../db/client.ts';
import type { Actor } from '../authz.ts';
import type { Ctx } from '../context.ts';

/** What a case type's hooks see of the case. */
export interface CaseFacts { id: string; state: string; regionCode: string; orgId: string; number: string; data: Record<string, unknown> }

/** Personal data of a party, as given; the engine encrypts and masks it. */
export interface PartyInput {
  role: string;
  kind: 'person' | 'organisation';
  name?: string | null;
  phone?: string | null;
  idNo?: string | null;
  address?: string | null;
  /** An e-mail address for notices (encrypted at rest like the phone). */
  email?: string | null;
  /** 举报人 and others who asked for confidentiality: identity only inside the handling chain. */
  confidential?: boolean;
}

export interface OpenCaseDecision {
  /** The org that owns the case (must be visible to, and within the grants of, the actor). */
  orgId: string;
  /**
   * The owner's row as the hook read it in this transaction (with its other reads, in one statement), when it is a live
   * org: the engine then does not read it again. Omit it to let the engine read and check the owner.
   */
  owner?: { path: string; regionCode: string };
  title: string;
  /** Facts kept on the case (no personal data: that goes in parties). */
  data: Record<string, unknown>;
  parties?: PartyInput[];
  /**
   * Other orgs that hold the case from the start (主办/协办); `known`: the org's row as the hook read it (with its other
   * reads: requireDesignatedWith) — when the owner's and every such row are known, the engine reads no org.
   */
  orgs?: { orgId: string; role: 'lead' | 'assist' | 'supervise'; known?: { path: string; regionCode: string; dissolvedOn: string | null } }[];
  /** Public cases can be tracked by number on the portal. */
}

/**
 * A case type = its workflow table + the little behaviour a table cannot say. Everything else
 * (permission, transition, validation, events, clocks, audit, idempotency) is the engine's.
 */
export interface CaseType<S extends string = string> {
  workflow: Workflow<S>;
  /** Turn the validated create input into the case row's content. */
  /** `at`: when the case was received (earlier than now when recorded later): designations and rules are read as of it. */
  open(input: Record<string, unknown>, actor: Actor, ctx: Ctx, trx: Tx, at: Date): OpenCaseDecision | Promise<OpenCaseDecision>;
  /** Merge an action's input into the case's facts (default: keep data as is). */
  reduce?(data: Record<string, unknown>, action: string, input: Record<string, unknown>): Record<string, unknown>;
  /**
   * What the law asks of an action beyond the table, checked before anything is written (also for an
   * action the state does not offer, so that the refusal can say why): throw an AppError to refuse it
   * (409 with `allowed`, 403…), or return facts to add to the validated input (e.g. the date an
   * `atField` clock starts from). `allowed`: the actions this actor may take now.
   */
  guard?(trx: Tx, c: CaseFacts, action: string, actor: Actor, ctx: Ctx, at: Date, allowed: string[]): Promise<Record<string, unknown> | void>;
  /**
   * Checks of an action's validated input against the case (e.g. a 补正 notice must list every missing material):
   * throw a 400 naming the fields. Runs after the input is parsed and before anything is written. `at` is the act's real
   * time (an act recorded later: when it happened), for checks that depend on how long something had run by then.
   */
  checkInput?(trx: Tx, c: CaseFacts, action: string, input: Record<string, unknown>, actor: Actor, ctx: Ctx, at: Date): Promise<void> | void;
  /**
   * Whether an action the state and roles allow applies to this case's facts today (default: yes). A standing action with
   * nothing to act on is not offered on the case page — 记录纠错结果 without a pending 纠错通知, 施行 before the 施行日期 — and
   * its guard still refuses it with the reason if asked anyway.
   */
  offered?(data: Record<string, unknown>, action: string, today: string): boolean;
  /** Side effects in the same transaction after an action (e.g. reassign orgs). */
  afterAction?(trx: Tx, c: { id: string; data: Record<string, unknown> }, action: string, input: Record<string, unknown>, ctx: Ctx, at: Date): Promise<void>;
  /** Fields of `data` safe to show on the public tracking page (free text in them is redacted there). */
  publicFields?: readonly string[];
  /** The title shown to the public: from the category, never from the citizen's own words (default: the workflow's label). */
  publicTitle?(data: Record<string, unknown>): string;
  /** A confidential matter (举报, a letter asking for confidentiality): the public sees only its number and state. */
  confidential?(data: Record<string, unknown>): boolean;
}
