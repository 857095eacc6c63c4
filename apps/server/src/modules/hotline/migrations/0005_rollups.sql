-- Maintained rollups of the hotline metrics (issue 12, big tables): each of the 11 metrics, per line, summed per legal
-- day of the date that places a ticket in its period, in grouping sets (no dimension; 渠道; 类型; 事项; 乡镇) that
-- all carry the lead unit (its path, for the org scope, and its id, for the 主办单位 dimension) and the owning
-- centre. Rows are written only by modules/hotline/rollups.ts from the metric definitions themselves; the metrics read
-- them (whole months from month sums) when the rollup of the region is built and fall back to the live query otherwise. The drill-down stays live.
CREATE TABLE hotline_rollups (
  region_code   char(6) NOT NULL,
  line          text NOT NULL,
  metric        text NOT NULL,
  grain         char(1) NOT NULL CONSTRAINT hotline_rollups_grain_check CHECK (grain IN ('d','m')),
  day           date NOT NULL,
  due_at        timestamptz,
  dim           text NOT NULL,
  lead_org_path text,
  lead_org_id   uuid,
  org_id        uuid NOT NULL,
  channel       text,
  ticket_type   text,
  category_name text,
  township_id   uuid,
  n             float8 NOT NULL,
  d             bigint NOT NULL,
  u             bigint NOT NULL
);
COMMENT ON TABLE hotline_rollups IS 'Sums of a hotline metric''s records per (line, metric, legal day, grouping set, lead unit, owning centre): numerator n, denominator d, undecided u, as the metric kit aggregates them. A row with due_at counts tickets whose clock was still running at the refresh: they count late (denominator) once due_at has passed at the moment a figure is read.';
COMMENT ON COLUMN hotline_rollups.dim IS 'The grouping set: '''' (none: also 主办单位 and 月份), channel, type, category, township.';
COMMENT ON COLUMN hotline_rollups.grain IS 'd: the rows of one legal day; m: the sums of a month''s day rows (day = its first day), read for the whole months of a period.';
CREATE INDEX hotline_rollups_read_idx ON hotline_rollups (region_code, line, metric, dim, grain, day);

CREATE SEQUENCE hotline_rollup_seq;
CREATE TABLE hotline_rollup_dirty (
  region_code   char(6) NOT NULL,
  case_id       uuid NOT NULL,
  days          text[] NOT NULL DEFAULT '{}',
  seq           bigint NOT NULL DEFAULT nextval('hotline_rollup_seq'),
  PRIMARY KEY (region_code, case_id)
);
COMMENT ON TABLE hotline_rollup_dirty IS 'Tickets written since the last rollup refresh (marked by the projection in the statement that writes the ticket), with the deadline days (YYYY-MM-DD) the ticket had before (its old placement, which the current row no longer shows). The refresher recomputes their days and deletes the rows it has read (seq at most what it read).';

CREATE TABLE hotline_rollup_state (
  region_code   char(6) PRIMARY KEY,
  built_at      timestamptz,
  refreshed_at  timestamptz
);
COMMENT ON TABLE hotline_rollup_state IS 'Whether a region''s rollup is built (the metrics read it only then) and when (database time, compared with calendar_years.loaded_at and rule_overrides.set_at) it was built and last refreshed; its row is locked by a refresh, so two refreshes of a region never overlap.';

