/** What the 权责清单 screens read from /api/v1/powers. */
export interface PowerItem {
  id: string; code: string; name: string; type: string; orgId: string; orgName: string; basisLaw: string; basisArticle: string; duties: string[];
  level: 'county' | 'township'; townshipKind: string | null; status: string; delegable: boolean; delegatedOn: string | null; delegatedTo: string[];
}
export interface Adjustment {
  id: string; kind: string; itemId: string | null; effectiveOn: string; reason: string; documentNo: string | null; status: string; proposedByName: string;
  proposedAt: string; decidedByName: string | null; decisionNote: string | null;
  after: { code?: string; name?: string } | null; before: { code?: string; name?: string } | null;
}
/** A blank form or a sample offered with a material in the 办事指南. */
export interface GuideFile { id: string; filename: string; size: number; mime: string }
export interface Material {
  name: string; required: boolean; blankFormFileId?: string; sampleFileId?: string;
  /** As listed (GET /powers/services): the named files with their names and sizes. */
  blankForm?: GuideFile | null; sample?: GuideFile | null;
}

/** The types of power of a 权责清单 (the values its items carry). */
export const POWER_TYPES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '公共服务'];
