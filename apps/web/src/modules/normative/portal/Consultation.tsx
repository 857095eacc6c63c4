import { t } from '../../../lib/i18n.ts';
import { ConsultationPage } from '../../../portal/components/Consultation.tsx';
import type { ScreenProps } from '../../types.ts';

/** A 规范性文件 draft open for comment (优化营商环境条例 Art. 62). */
export default function Consultation({ params }: ScreenProps) {
  return <ConsultationPage url={`/api/v1/public/normative/consultations/${params.id}`} prefix="norm" draftTitle={t('normative.doc.draft')} />;
}
