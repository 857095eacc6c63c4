-- The holders of a case now (until IS NULL) are read on every case view, every action (permission) and every seal; the
-- primary key (case_id, org_id, role, since) covers them too, but with all past holders and a wider key, and the planner
-- without statistics chose the org-wide partial index (case_orgs_org_idx) instead. A narrow partial index by case.
CREATE INDEX case_orgs_case_current_idx ON case_orgs (case_id) WHERE until IS NULL;
