/**
 * What a module declares about its 文书 (manifest `documents`), and what the generator hands its
 * `fill` function: the case, the step the document records, the addressee (decrypted here only,
 * the reveal audited), the clocks and the acting org.
 */
import type { DocTemplate, PlaceholderDef, PlaceholderValues } from '@yifa/contracts';
import type { Conn } from '../db/client.ts';
import type { Ctx } from '../context.ts';
import type { ClockRowView } from '../time/ledger-store.ts';

export interface DocumentEvent { seq: number; action: string; input: Record<string, unknown>; occurredAt: Date; actorName: string; actorOrgId: string | null }

export interface DocumentFacts {
  case: {
    id: string; type: string; number: string; title: string; regionCode: string; orgId: string; state: string; filedOn: string;
    data: Record<string, unknown>;
  };
  /** The latest event of one of the kind's `after` actions: the step this document records. */
  event: DocumentEvent;
  events: DocumentEvent[];
  /** The addressee (the party of the kind's `party` roles), decrypted for this document only; null when there is none. */
  party: { role: string; kind: 'person' | 'organisation'; name: string | null; phone: string | null; idNo: string | null; address: string | null } | null;
  clocks: ClockRowView[];
  /** The org in whose name it is issued (its 文号 counter, its name as 署名). */
  org: { id: string; name: string; kind: string; regionCode: string };
  /** Beijing date of issue (YYYY-MM-DD). */
  issuedOn: string;
  /** Documents already issued on the case (oldest first). */
  issued: { kind: string; title: string; number: string; issuedAt: Date; eventSeq: number }[];
}

export interface DocumentDef {
  /** `<module>.<name>`, e.g. approvals.acceptance. */
  kind: string;
  label: string;
  /** The case type it is issued on. */
  caseType: string;
  /** The workflow actions after which it may be issued (one document of the kind per such step). */
  after: readonly string[];
  /** Who may issue it (roles on the case); default: the roles of the `after` actions. */
  roles?: readonly string[];
  /** The party it is addressed to (roles, first found); default ['applicant']. */
  party?: readonly string[];
  /** In whose name it is issued: the case's owner (default), or the org of whoever took the step (a 12345 承办单位). */
  issuer?: 'owner' | 'actor';
  /**
   * A 文号 the step itself gave (e.g. typed when answering): used instead of the next number of the county's rule.
   * Return null to number it by the rule.
   */
  givenNumber?: (step: DocumentEvent) => string | null;
  /** The law that asks for it (shown on the admin page and in the case's 文书 panel). */
  basis: string;
  /** The placeholders the template may use beyond the common ones (机关, 当事人, 编号, 日期, 文号). */
  placeholders: Record<string, PlaceholderDef>;
  /** The module's default template; a county's edited version replaces it. */
  template: DocTemplate;
  /**
   * The values of the kind's placeholders, read in the issuing transaction. Throw an AppError (409) when the case
   * cannot have the document yet for a reason the step alone does not say.
   */
  fill(ctx: Ctx, conn: Conn, f: DocumentFacts): Promise<PlaceholderValues> | PlaceholderValues;
}

/** Placeholders every document has, filled by the generator. */
export const COMMON_PLACEHOLDERS: Record<string, PlaceholderDef> = {
  机关: { label: '出具机关名称（署名）', sample: '示范县行政审批局' },
  当事人: { label: '当事人（申请人、诉求人）姓名或名称', sample: '张三' },
  编号: { label: '办件编号', sample: 'SP-2026-000001' },
  日期: { label: '出具日期', sample: '2026年6月15日' },
  文号: { label: '本文书的文号', sample: '示审批受字〔2026〕1号' },
};

/** All placeholders a kind's template may use. */
export function placeholdersOfKind(d: Pick<DocumentDef, 'placeholders'>): Record<string, PlaceholderDef> {
  return { ...COMMON_PLACEHOLDERS, ...d.placeholders };
}
