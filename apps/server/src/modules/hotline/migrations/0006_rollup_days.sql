-- Day-restricted rollup passes (issue 12): an incremental refresh and the hybrid read recompute a few legal days of a
-- line, and must find the tickets with a record on those days without reading the line's whole ticket table.
-- hotline_ticket_days is the one definition of "the legal days of a ticket's own dates" (modules/hotline/rollups.ts
-- calls it, with these columns in this order): a dirty ticket touches them, and the GIN index below finds every ticket
-- with a date on given days (`hotline_ticket_days(…) && days`). Every record a metric places on a day is on one of
-- its ticket's dates, except an on-time record of a clock whose deadline is unknown (its year's calendar not loaded),
-- placed on the act or on the end of the round: the two partial indexes find those tickets (normally none).
CREATE FUNCTION hotline_ticket_days(accepted timestamptz, dispatched timestamptz, signed timestamptz, replied timestamptz,
    callback timestamptz, closed timestamptz, citizen_due timestamptz, sign_due timestamptz) RETURNS date[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array[(accepted AT TIME ZONE 'Asia/Shanghai')::date, (dispatched AT TIME ZONE 'Asia/Shanghai')::date,
    (signed AT TIME ZONE 'Asia/Shanghai')::date, (replied AT TIME ZONE 'Asia/Shanghai')::date,
    (callback AT TIME ZONE 'Asia/Shanghai')::date, (closed AT TIME ZONE 'Asia/Shanghai')::date,
    (citizen_due AT TIME ZONE 'Asia/Shanghai')::date, (sign_due AT TIME ZONE 'Asia/Shanghai')::date]
$$;
COMMENT ON FUNCTION hotline_ticket_days IS 'The legal (Beijing) days of a hotline ticket''s dates: accepted, first dispatch, last 签收, '
  'first answer, last callback, closed, citizen deadline, 签收 deadline (nulls where unset).';

CREATE INDEX hotline_tickets_days_idx ON hotline_tickets USING gin
  (hotline_ticket_days(accepted_at, dispatched_at, signed_at, replied_at, callback_at, closed_at, citizen_due_at, sign_due_at));
CREATE INDEX hotline_tickets_citizen_undated_idx ON hotline_tickets (region_code, line) WHERE citizen_due_at IS NULL;
CREATE INDEX hotline_tickets_sign_undated_idx ON hotline_tickets (region_code, line) WHERE sign_due_at IS NULL AND dispatched_at IS NOT NULL;

-- The refresh deletes and re-sums the rows of given days and months of a line, every metric and grouping set at once.
CREATE INDEX hotline_rollups_days_idx ON hotline_rollups (region_code, line, grain, day);
