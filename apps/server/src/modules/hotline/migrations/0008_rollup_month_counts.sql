-- A month row counts the day rows it sums (issue 12): an incremental refresh now writes only the day rows that changed
-- and moves each month row of their groups by the changed rows' sums (new minus old) instead of grouping every day row
-- of the touched months again. A month row must exist exactly when a day row of its month and group does (a grouped
-- read takes a group's presence from its rows), so the refresh must know when it removes a group's last day row of the
-- month: it keeps the count with the sums, adds the day rows it inserts, subtracts those it deletes, and deletes the
-- month row at zero. The month rows written before this migration get their count from the day rows they sum (a month
-- row is the sums of its group's day rows of the month: the refresh and the build regrouped them).
ALTER TABLE hotline_rollups ADD COLUMN day_rows int;
UPDATE hotline_rollups m SET day_rows = c.k
  FROM (SELECT region_code, line, date_trunc('month', day)::date AS month,
      row(metric, due_at, dim, lead_org_path, lead_org_id, org_id, channel, ticket_type, category_name, township_id)::text AS g, count(*)::int AS k
    FROM hotline_rollups WHERE grain = 'd' GROUP BY 1, 2, 3, 4) c
  WHERE m.grain = 'm' AND m.region_code = c.region_code AND m.line = c.line AND m.day = c.month
    AND row(m.metric, m.due_at, m.dim, m.lead_org_path, m.lead_org_id, m.org_id, m.channel, m.ticket_type, m.category_name, m.township_id)::text = c.g;
DELETE FROM hotline_rollups WHERE grain = 'm' AND day_rows IS NULL; -- (a month without day rows: none, if the rows were as written)
ALTER TABLE hotline_rollups ADD CONSTRAINT hotline_rollups_day_rows_check CHECK ((grain = 'm') = (day_rows IS NOT NULL AND day_rows > 0));
COMMENT ON COLUMN hotline_rollups.day_rows IS 'Month rows: how many day rows of the month and group the sums are of (the refresh adds the day rows '
  'it inserts and subtracts those it deletes; the month row goes with the last). Null on day rows.';
