import { t } from '../../../lib/i18n.ts';
import { ConsultationPage, type ConsultationView } from '../../../portal/components/Consultation.tsx';
import type { ScreenProps } from '../../types.ts';

interface View extends ConsultationView { hearing: { hearingOn: string; participants: string[]; held: boolean } | null }

/** A decision draft open for comment (713号 Art. 15), with its 听证会 when one is scheduled (Art. 17). */
export default function Consultation({ params }: ScreenProps) {
  return <ConsultationPage<View> url={`/api/v1/public/decisions/consultations/${params.id}`} prefix="dec" draftTitle={t('decisions.consult.draft')}
    extra={(v) => v.hearing && <p>{t('decisions.consult.hearing', { on: v.hearing.hearingOn, names: v.hearing.participants.join('、') })}</p>} />;
}
