/** A blank form or a sample the guide offers for a material (GET /api/v1/public/services/:id/files/:fileId). */
export interface GuideFile { id: string; filename: string; size: number; mime: string }
/** A material on the checklist, with its downloads if the county provides them. */
export interface GuideMaterial { name: string; required: boolean; blankForm?: GuideFile | null; sample?: GuideFile | null }
/** A service item as the portal shows it (GET /api/v1/public/services). */
export interface PublicService {
  id: string; code: string; name: string; orgName: string; powerName: string; powerType: string; basisLaw: string; basisArticle: string;
  statutoryDays: number; promisedDays: number; instant: boolean; materials: GuideMaterial[]; fees: string; guide: string; online: boolean;
  conditions?: string; place?: string; hours?: string; phone?: string;
  jointMode: string | null;
}
