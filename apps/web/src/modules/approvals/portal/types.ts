/** A service item as the portal shows it (GET /api/v1/public/services). */
export interface PublicService {
  id: string; code: string; name: string; orgName: string; powerName: string; powerType: string; basisLaw: string; basisArticle: string;
  statutoryDays: number; promisedDays: number; instant: boolean; materials: { name: string; required: boolean }[]; fees: string; guide: string; online: boolean;
  conditions?: string; place?: string; hours?: string; phone?: string;
  jointMode: string | null;
}
