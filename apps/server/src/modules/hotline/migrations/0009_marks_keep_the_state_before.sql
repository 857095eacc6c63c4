-- A rollup mark keeps the ticket as it was before (issue 12). Until now a mark carried the days its ticket touched, and
-- a figure read while marks were unfolded took the live query for all of those days: every ticket of a touched day was
-- read again (at 10M tickets, 0.4–2.4 s a figure while a minute's writes spread over a month of tickets). Now the act's
-- own statement — which still sees the ticket, its clocks and its events as they were before the act — appends a mark
-- with that state (`old`; null for a ticket opened since: it was in no rollup row), so a figure is the rollup's sums,
-- minus the marked tickets' records as they were, plus their records now: the cost of the marked tickets alone. The
-- refresh takes the days to recompute from the same marks (the state before, and now). Marks are appended, never
-- updated, so that a refresh reading one snapshot (REPEATABLE READ) deletes exactly the marks it has read.
--
-- The marks written before this migration carry no state: they are dropped and the rollup is rebuilt by the next
-- refresh (every figure is live until then, as before a first build).
DELETE FROM hotline_rollup_dirty;
UPDATE hotline_rollup_state SET built_at = NULL;
ALTER TABLE hotline_rollup_dirty DROP CONSTRAINT hotline_rollup_dirty_pkey;
ALTER TABLE hotline_rollup_dirty DROP COLUMN days;
ALTER TABLE hotline_rollup_dirty ADD COLUMN old jsonb;
ALTER TABLE hotline_rollup_dirty ADD PRIMARY KEY (region_code, seq);
CREATE INDEX hotline_rollup_dirty_case_idx ON hotline_rollup_dirty (region_code, case_id, seq);
COMMENT ON TABLE hotline_rollup_dirty IS 'Acts on hotline tickets since the last rollup refresh, one row each (appended in the act''s own '
  'statement, never updated): the ticket as it was before the act. A ticket''s earliest mark is its state in the rollup. The refresher '
  'recomputes the days the marked tickets touched then and touch now, and deletes the marks it has read; a figure read meanwhile is '
  'the rollup minus the marked tickets'' records then plus their records now.';
COMMENT ON COLUMN hotline_rollup_dirty.old IS 'The ticket before the act: {ticket: its hotline_tickets row (without the description), '
  'clocks: its clocks rows, events: its events (case_id, seq, action, occurred_at)}; null when the ticket was opened by the act (in no rollup row).';
