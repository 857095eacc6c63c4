import { Collapse, DatePicker, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { t } from '../../lib/i18n.ts';

/**
 * 补录: the time an act (or a receipt) really happened, for whoever may record acts later (case.record_late). Folded
 * away: most acts happen as they are recorded. The server checks the bounds and names `occurredAt` when it refuses.
 */
export function OccurredAtField() {
  return (
    <Collapse ghost size="small" items={[{
      key: 'late', label: t('case.recordLate'), forceRender: true,
      children: (
        <Form.Item name="occurredAt" label={t('case.occurredAt')} extra={t('case.occurredAtHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      ),
    }]} />
  );
}

/** The form value as the API takes it: an ISO time with its offset, or undefined (now). */
export const occurredAtOf = (v: unknown): string | undefined => (v ? (v as Dayjs).format() : undefined);
