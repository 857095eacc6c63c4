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
}

export type Org = Selectable<OrgsTable>;
export type User = Selectable<UsersTable>;
export type CaseRow = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;
