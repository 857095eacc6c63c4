-- Issue 10 item 2: an act is recorded with the time it happened; when it is keyed in later, the event says when it was
-- recorded. Issue 10 item 25(a): the case row and its holders are sealed (keyed HMAC-SM3 over state, title, data, owner,
-- holders), so that editing them in the database is caught by `yifa audit verify`. See platform/cases/engine.ts and
-- platform/audit/chain.ts (caseSeal), docs/SECURITY.md.

ALTER TABLE case_events ADD COLUMN recorded_at timestamptz;
COMMENT ON COLUMN case_events.recorded_at IS 'When an act recorded later (补录) was keyed in; null when recorded as it happened. occurred_at is always the time the act happened (clocks, metrics, reports and letters use it).';

ALTER TABLE cases ADD COLUMN seal text;
COMMENT ON COLUMN cases.seal IS 'hm3: HMAC-SM3 (chain key) over the row''s number, type, region, owner, state, title, data, version, head hash, closed_at and every holder (org, role, since, until); written at the end of every engine transaction. Null only on cases last written before sealing began (integrity_marks.cases_sealed_after).';

INSERT INTO integrity_marks (name, value) VALUES ('cases_sealed_after', (SELECT coalesce(max(id), 0) FROM case_events));
