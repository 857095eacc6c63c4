-- A rollup mark carries every day its ticket touches (issue 12): the projection now stores, with each mark, the legal
-- days of the ticket's dates, of its clocks' deadlines and of its events, besides the deadline days it had before — so
-- that a refresh and every hybrid read take the touched days from the marks alone instead of looking each marked
-- ticket's clocks and events up. The marks written before this migration carry only the old deadline days: add the
-- rest, found the way the readers found them until now.
UPDATE hotline_rollup_dirty x SET days = array(SELECT DISTINCT d FROM (
    SELECT unnest(x.days) AS d
    UNION ALL SELECT unnest(hotline_ticket_days(t.accepted_at, t.dispatched_at, t.signed_at, t.replied_at, t.callback_at, t.closed_at,
      t.citizen_due_at, t.sign_due_at))::text FROM hotline_tickets t WHERE t.case_id = x.case_id
    UNION ALL SELECT ((k.due_at AT TIME ZONE 'Asia/Shanghai')::date)::text FROM clocks k WHERE k.case_id = x.case_id
    UNION ALL SELECT ((e.occurred_at AT TIME ZONE 'Asia/Shanghai')::date)::text FROM case_events e WHERE e.case_id = x.case_id
  ) s WHERE d IS NOT NULL ORDER BY d);
COMMENT ON COLUMN hotline_rollup_dirty.days IS 'Every legal day (YYYY-MM-DD) the ticket touches as of its writes since the last refresh: '
  'its dates, its clocks'' deadlines, its events'' days, and the deadline days it had before (its old placement, which the current '
  'row no longer shows).';
COMMENT ON TABLE hotline_rollup_dirty IS 'Tickets written since the last rollup refresh (marked by the projection in the statement that '
  'writes the ticket), with every day each one touches. The refresher recomputes those days and deletes the marks it has read '
  '(seq at most what it read); a hybrid read takes the live query for them.';
