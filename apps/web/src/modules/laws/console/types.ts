export interface Law {
  id: string; title: string; issuer: string; level: string; docNo: string; note: string; promulgatedOn: string; effectiveOn: string; amendedOn: string[];
  repealedOn: string | null; status: string; version: number; openFlags?: number;
}
export interface Citation {
  id: string; caseId: string; caseNumber: string; caseTitle: string; article: string; effectiveOn: string | null; flaggedAt: string | null;
  flagReason: string | null; resolvedAt: string | null;
}
export const STATUS_COLOR: Record<string, string> = { 尚未施行: 'blue', 现行有效: 'green', 已修改: 'gold', 已废止: 'red' };
