-- Issue 10 item 8: 信息处理费 (年报 section 六) is counted in the year it was paid, not the year the request closed.
ALTER TABLE disclosure_requests ADD COLUMN fee_paid_on date;
COMMENT ON COLUMN disclosure_requests.fee_paid_on IS 'Legal date (Beijing) of the 已缴费 act: the day the 信息处理费 was paid.';
UPDATE disclosure_requests r SET fee_paid_on = (
  SELECT (e.occurred_at AT TIME ZONE 'Asia/Shanghai')::date FROM case_events e
   WHERE e.case_id = r.case_id AND e.action = 'fee_paid' ORDER BY e.seq DESC LIMIT 1
) WHERE r.fee_paid;
