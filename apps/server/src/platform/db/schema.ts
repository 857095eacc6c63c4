/**
 * Kysely table types, kept by hand next to the SQL migrations (camelCase, via CamelCasePlugin).
 * bigint columns arrive as strings from node-postgres on both backends.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GenTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
type Int8 = ColumnType<string, never, never>;

export interface OrgsTable {
  id: Generated<string>;
  code: string;
  kind: 'government' | 'department' | 'township' | 'village' | 'other';
  regionCode: string;
  creditCode: string | null;
  name: string;
  parentId: string | null;
  path: string;
  establishedOn: DateCol;
  dissolvedOn: DateCol | null;
  successorId: string | null;
  createdAt: GenTimestamp;
}
export interface OrgVersionsTable {
  id: Int8;
  orgId: string;
  name: string;
  parentId: string | null;
  validFrom: DateCol;
  validTo: DateCol | null;
  reason: string | null;
}
export interface UsersTable {
  id: Generated<string>;
  username: string;
  displayName: string;
  orgId: string;
  phoneEnc: string | null;
  passwordHash: string;
  status: Generated<'active' | 'disabled'>;
  failedLogins: Generated<number>;
  lockedUntil: Timestamp | null;
  passwordChangedAt: GenTimestamp;
  mustChangePassword: Generated<boolean>;
  createdAt: GenTimestamp;
}
export interface RoleGrantsTable {
  id: Generated<string>;
  userId: string;
  role: string;
  orgId: string;
  subtree: Generated<boolean>;
  grantedBy: string | null;
  grantedAt: GenTimestamp;
  revokedAt: Timestamp | null;
}
export interface SessionsTable {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  ip: string | null;
  userAgent: string | null;
  revokedAt: Timestamp | null;
}
export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  tokenHash: string;
  prefix: string;
  userId: string;
  scopes: string[];
  createdAt: GenTimestamp;
  expiresAt: Timestamp | null;
  lastUsedAt: Timestamp | null;
  revokedAt: Timestamp | null;
}
export interface CalendarYearsTable {
  year: number;
  notice: string;
  source: string;
  loadedAt: GenTimestamp;
  loadedBy: string;
}
export interface CalendarDaysTable {
  day: DateCol;
  year: number;
  kind: 'holiday' | 'makeup_workday';
  name: string;
}
export interface RuleOverridesTable {
  id: Int8;
  regionCode: string;
  ruleKey: string;
  length: number;
  yellowWithin: number | null;
  effectiveFrom: DateCol;
  basis: string;
  setBy: string | null;
  setAt: GenTimestamp;
}
export interface CaseCountersTable {
  prefix: string;
  regionCode: string;
  year: number;
  last: number;
}
export interface CasesTable {
  id: Generated<string>;
  type: string;
  number: string;
  regionCode: string;
  orgId: string;
  state: string;
  title: string;
  data: Json<Record<string, unknown>>;
  filedOn: DateCol;
  version: number;
  headHash: string;
  dueAt: Timestamp | null;
  warningLevel: Generated<'normal' | 'yellow' | 'red'>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  closedAt: Timestamp | null;
}
export interface CaseOrgsTable {
  caseId: string;
  orgId: string;
  role: 'owner' | 'lead' | 'assist' | 'supervise';
  since: Timestamp;
  until: Timestamp | null;
}
export interface CasePartiesTable {
  id: Generated<string>;
  caseId: string;
  role: string;
  kind: 'person' | 'organisation';
  nameEnc: string | null;
  nameMasked: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  phoneIndex: string | null;
  idNoEnc: string | null;
  idNoMasked: string | null;
  addressEnc: string | null;
  confidential: Generated<boolean>;
  createdAt: GenTimestamp;
}
export interface CaseEventsTable {
  id: Int8;
  caseId: string;
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  actorId: string | null;
  actorName: string;
  actorOrgId: string | null;
  input: Json<Record<string, unknown>>;
  public: boolean;
  occurredAt: Timestamp;
  idempotencyKey: string | null;
  prevHash: string;
  hash: string;
}
export interface ClocksTable {
  id: Generated<string>;
  caseId: string;
  key: string;
  ruleKey: string;
  label: string;
  basis: string;
  yellowWithin: number;
  maxExtension: number | null;
  entries: Json<import('@yifa/contracts').ClockEntry[]>;
  status: 'running' | 'paused' | 'stopped' | 'unknown';
  dueAt: Timestamp | null;
  level: 'normal' | 'yellow' | 'red';
  metDeadline: boolean | null;
  updatedAt: Timestamp;
}
export interface IdempotencyKeysTable {
  key: string;
  actorKey: string;
  requestHash: string;
  status: number;
  response: Json;
  createdAt: GenTimestamp;
}
export interface ChainHeadsTable {
  chain: string;
  seq: string | number;
  hash: string;
}
export interface AuditLogTable {
  id: Int8;
  chain: string;
  seq: string | number;
  occurredAt: Timestamp;
  actorId: string | null;
  actorName: string;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  detail: Json<Record<string, unknown>>;
  prevHash: string;
  hash: string;
}
export interface FilesTable {
  id: Generated<string>;
  sm3: string;
  size: number;
  mime: string;
  filename: string;
  caseId: string | null;
  uploadedBy: string | null;
  public: Generated<boolean>;
  createdAt: GenTimestamp;
}
export interface FileBlobsTable {
  sm3: string;
  content: Buffer;
}
export interface NotificationsTable {
  id: Generated<string>;
  userId: string | null;
  orgId: string | null;
  channel: 'inapp' | 'sms' | 'email';
  title: string;
  body: string;
  caseId: string | null;
  dedupeKey: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  lastError: string | null;
  createdAt: Timestamp;
  sentAt: Timestamp | null;
  readAt: Timestamp | null;
}
export interface JobRunsTable {
  name: string;
  lastStartedAt: Timestamp | null;
  lastFinishedAt: Timestamp | null;
  lastResult: Json | null;
}

// ---- disclosure (政务公开), migration 0004 ----
export interface DisclosureRequestsTable {
  caseId: string; regionCode: string; orgId: string;
  channel: 'in_person' | 'post_signed' | 'post_ordinary' | 'online' | 'fax';
  applicantKind: 'natural' | 'business' | 'research' | 'public_interest' | 'legal_service' | 'other';
  applicantIndex: string | null; receivedOn: DateCol; state: string; answerType: string | null; leaf: string | null;
  closedOn: DateCol | null; feeMode: 'per_item' | 'per_volume' | null; feeAmount: string | number | null; feePaid: Generated<boolean>; updatedAt: Timestamp;
}
export interface DisclosureRemediesTable {
  id: Generated<string>; caseId: string; regionCode: string; orgId: string;
  kind: 'review' | 'litigation_direct' | 'litigation_after_review'; filedOn: DateCol; result: 'upheld' | 'corrected' | 'other' | null;
  concludedOn: DateCol | null; caseNo: string | null; note: string | null; createdBy: string | null; createdAt: Timestamp;
}
export interface DisclosureItemsTable {
  id: Generated<string>; regionCode: string; orgId: string; indexNo: string; title: string; summary: Generated<string>; category: string;
  docNo: string | null; formedOn: DateCol; publishDue: DateCol | null; publishedOn: DateCol | null; late: boolean | null;
  validUntil: DateCol | null; abolishedOn: DateCol | null; amountWan: string | number | null;
  status: 'draft' | 'review' | 'published' | 'withdrawn'; secrecyReview: Json<Record<string, unknown> | null> | null;
  attachments: Json<unknown[]>; body: Generated<string>; sourceModule: string | null; sourceRef: string | null; tokens: string[];
  version: Generated<number>; createdBy: string | null; createdAt: Timestamp; updatedAt: Timestamp;
}
export interface DisclosureItemEventsTable {
  id: Int8; itemId: string; regionCode: string; orgId: string; action: string; actorId: string | null; actorName: string;
  detail: Json<Record<string, unknown>>; at: Timestamp;
}
export interface DisclosureGuidesTable { orgId: string; regionCode: string; content: Json<Record<string, unknown>>; updatedAt: Timestamp }
export interface DisclosureReportsTable {
  id: Generated<string>; regionCode: string; orgId: string; scope: 'org' | 'government'; year: number; docNo: string | null;
  sections: Json<Record<string, string>>; status: 'draft' | 'published'; snapshot: Json<unknown> | null; publishedOn: DateCol | null; updatedAt: Timestamp;
}
export interface DisclosureLeafOverridesTable { regionCode: string; answerType: string; leaf: string; basis: string; updatedAt: Timestamp }

// --- hotline (issue 4): 派单目录, 知识库, ticket projection, Open311 updates ---
export interface HotlineCatalogTable {
  id: Generated<string>;
  regionCode: string;
  code: string;
  parentId: string | null;
  name: string;
  initials: Generated<string>;
  keywords: Generated<string>;
  description: Generated<string>;
  orgId: string | null;
  limitRule: string | null;
  facts: Json<{ code: string; label: string; datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'; required: boolean; values?: { key: string; name: string }[] }[]>;
  sortOrder: Generated<number>;
  active: Generated<boolean>;
  updatedAt: Timestamp;
}
export interface HotlineKbTable {
  id: Generated<string>;
  regionCode: string;
  orgId: string;
  categoryCode: string | null;
  currentVersion: number;
  active: Generated<boolean>;
  updatedAt: Timestamp;
}
export interface HotlineKbVersionsTable {
  kbId: string;
  version: number;
  question: string;
  answer: string;
  basis: Generated<string>;
  keywords: Generated<string>;
  editedBy: string | null;
  editedAt: Timestamp;
}
export interface HotlineTicketsTable {
  caseId: string;
  regionCode: string;
  orgId: string;
  number: string;
  line: 'hotline' | 'mailbox';
  channel: string;
  ticketType: string;
  categoryCode: string;
  categoryName: string;
  townshipId: string | null;
  leadOrgId: string | null;
  leadOrgPath: string | null;
  state: string;
  description: string;
  phoneIndex: string | null;
  acceptedAt: Timestamp;
  acceptedOn: DateCol;
  dispatchedAt: Timestamp | null;
  signDueAt: Timestamp | null;
  signedAt: Timestamp | null;
  signedInTime: boolean | null;
  repliedAt: Timestamp | null;
  citizenDueAt: Timestamp | null;
  repliedInTime: boolean | null;
  instant: Generated<boolean>;
  returnCount: Generated<number>;
  redoCount: Generated<number>;
  callbackAt: Timestamp | null;
  callbackReached: boolean | null;
  satisfaction: '满意' | '基本满意' | '不满意' | null;
  resolved: boolean | null;
  mergedInto: string | null;
  supervised: Generated<boolean>;
  closedAt: Timestamp | null;
  closedOn: DateCol | null;
  updatedAt: Timestamp;
}
export interface HotlineUpdatesTable {
  id: Generated<string>;
  caseId: string;
  regionCode: string;
  status: string;
  description: string;
  updatedAt: Timestamp;
}
/** hotline (issue 4), migration 0005: county settings that are not deadlines. */
export interface HotlineSettingsTable {
  regionCode: string;
  orgId: string;
  maxRedo: number;
  duplicateDays: number;
  extensionApprover: 'leader' | 'supervisor' | 'dispatcher';
  updatedAt: Timestamp;
  updatedBy: string | null;
  version: Generated<number>;
}

// ---- 权责清单 / approvals / 好差评, migration 0003 ----
export interface PowersItemsTable {
  id: Generated<string>;
  regionCode: string;
  orgId: string;
  code: string;
  name: string;
  type: string;
  basisLaw: string;
  basisArticle: Generated<string>;
  duties: Json<string[]>;
  level: 'county' | 'township';
  townshipKind: '法定' | '赋予' | null;
  status: Generated<'active' | 'suspended' | 'abolished'>;
  delegable: Generated<boolean>;
  delegatedOn: DateCol | null;
  delegatedUntil: DateCol | null;
  delegatedTo: Json<string[]>;
  version: Generated<number>;
  updatedAt: Timestamp;
}
export interface PowersAdjustmentsTable {
  id: Generated<string>;
  regionCode: string;
  orgId: string;
  itemId: string | null;
  kind: 'add' | 'modify' | 'abolish' | 'delegate' | 'revoke_delegation' | 'import';
  effectiveOn: DateCol;
  reason: string;
  documentNo: string | null;
  before: Json<Record<string, unknown> | null> | null;
  after: Json<Record<string, unknown> | null> | null;
  status: 'proposed' | 'approved' | 'rejected';
  proposedBy: string | null;
  proposedByName: string;
  proposedAt: Timestamp;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Timestamp | null;
  decisionNote: string | null;
}
export interface PowersServicesTable {
  id: Generated<string>;
  regionCode: string;
  powerId: string;
  orgId: string;
  code: string;
  name: string;
  statutoryDays: number;
  promisedDays: number;
  instant: Generated<boolean>;
  materials: Json<{ name: string; required: boolean }[]>;
  baselineMaterials: number;
  fees: Generated<string>;
  guide: Generated<string>;
  online: Generated<boolean>;
  status: Generated<'active' | 'suspended'>;
  updatedAt: Timestamp;
  /** 统一办理/联合办理/集中办理 (行政许可法 Art. 26, 42 ¶2), migration 0006; null = one organ. */
  jointMode: Generated<'统一办理' | '联合办理' | '集中办理' | null>;
}
// ---- 政务服务事项 versions and 权责清单 settings, migration 0007 ----
export interface PowersServiceVersionsTable {
  id: Int8;
  serviceId: string;
  regionCode: string;
  validFrom: Timestamp;
  validTo: Timestamp | null;
  data: Json<Record<string, unknown>>;
  change: 'create' | 'update' | 'backfill';
  changedBy: string | null;
  changedByName: string;
}
export interface PowersSettingsTable {
  regionCode: string;
  approvalBureauId: string;
  updatedAt: Timestamp;
  updatedBy: string | null;
}
export interface ApprovalsApplicationsTable {
  caseId: string;
  regionCode: string;
  orgId: string;
  serviceId: string;
  itemCode: string;
  itemName: string;
  channel: 'window' | 'online';
  instant: boolean;
  promisedDays: number;
  statutoryDays: number;
  trips: Generated<number>;
  corrections: Generated<number>;
  bundleId: string | null;
  state: string;
  receivedAt: Timestamp;
  decidedAt: Timestamp | null;
  decision: '准予许可' | '不予许可' | '不予受理' | null;
  finishedAt: Timestamp | null;
}
export interface ApprovalsScenariosTable {
  id: Generated<string>;
  regionCode: string;
  orgId: string;
  name: string;
  description: Generated<string>;
  serviceIds: Json<string[]>;
  materials: Json<{ name: string; required: boolean }[]>;
  status: Generated<'active' | 'suspended'>;
  updatedAt: Timestamp;
}
export interface ApprovalsBundlesTable {
  id: Generated<string>;
  regionCode: string;
  orgId: string;
  scenarioId: string;
  number: string;
  channel: 'window' | 'online';
  createdAt: Timestamp;
}
export interface RatingsSettingsTable {
  regionCode: string;
  rateableTypes: Json<string[]>;
  superviseOrgId: string | null;
  defaultAfterDays: Generated<number>;
  updatedAt: Timestamp;
}
export interface RatingsInvitationsTable {
  id: Generated<string>;
  regionCode: string;
  orgId: string;
  caseId: string;
  caseType: string;
  caseNumber: string;
  itemCode: string | null;
  itemName: string | null;
  handlingNo: number;
  status: Generated<'open' | 'rated'>;
  createdAt: Timestamp;
}
export interface RatingsRatingsTable {
  id: Generated<string>;
  regionCode: string;
  orgId: string;
  invitationId: string;
  caseId: string;
  caseType: string;
  caseNumber: string;
  itemCode: string | null;
  itemName: string | null;
  level: number;
  channel: 'window' | 'online' | 'sms' | 'hotline';
  comment: string | null;
  active: boolean;
  realName: boolean;
  raterNameEnc: string | null;
  raterPhoneEnc: string | null;
  raterPhoneMasked: string | null;
  ratedAt: Timestamp;
  rectificationCaseId: string | null;
  excluded: Generated<boolean>;
  excludedReason: string | null;
  followupLevel: number | null;
  followupAt: Timestamp | null;
}

export interface DB {
  orgs: OrgsTable;
  orgVersions: OrgVersionsTable;
  users: UsersTable;
  roleGrants: RoleGrantsTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  calendarYears: CalendarYearsTable;
  calendarDays: CalendarDaysTable;
  ruleOverrides: RuleOverridesTable;
  caseCounters: CaseCountersTable;
  cases: CasesTable;
  caseOrgs: CaseOrgsTable;
  caseParties: CasePartiesTable;
  caseEvents: CaseEventsTable;
  clocks: ClocksTable;
  idempotencyKeys: IdempotencyKeysTable;
  chainHeads: ChainHeadsTable;
  auditLog: AuditLogTable;
  files: FilesTable;
  fileBlobs: FileBlobsTable;
  notifications: NotificationsTable;
  jobRuns: JobRunsTable;
  disclosureRequests: DisclosureRequestsTable;
  disclosureRemedies: DisclosureRemediesTable;
  disclosureItems: DisclosureItemsTable;
  disclosureItemEvents: DisclosureItemEventsTable;
  disclosureGuides: DisclosureGuidesTable;
  disclosureReports: DisclosureReportsTable;
  disclosureLeafOverrides: DisclosureLeafOverridesTable;
  hotlineCatalog: HotlineCatalogTable;
  hotlineKb: HotlineKbTable;
  hotlineKbVersions: HotlineKbVersionsTable;
  hotlineTickets: HotlineTicketsTable;
  hotlineUpdates: HotlineUpdatesTable;
  hotlineSettings: HotlineSettingsTable;
  powersItems: PowersItemsTable;
  powersAdjustments: PowersAdjustmentsTable;
  powersServices: PowersServicesTable;
  powersServiceVersions: PowersServiceVersionsTable;
  powersSettings: PowersSettingsTable;
  approvalsApplications: ApprovalsApplicationsTable;
  approvalsScenarios: ApprovalsScenariosTable;
  approvalsBundles: ApprovalsBundlesTable;
  ratingsSettings: RatingsSettingsTable;
  ratingsInvitations: RatingsInvitationsTable;
  ratingsRatings: RatingsRatingsTable;
}

export type Org = Selectable<OrgsTable>;
export type User = Selectable<UsersTable>;
export type CaseRow = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;
