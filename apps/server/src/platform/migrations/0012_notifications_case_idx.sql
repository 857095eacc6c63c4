-- Issue 12: a new case is numbered last in its transaction, and the statement that takes the number replaces the
-- placeholder in the notices and alerts written for the case before it (engine.ts assignNumberInTrx): found by case_id.
-- The case page's notices are read the same way.

CREATE INDEX notifications_case_idx ON notifications (case_id) WHERE case_id IS NOT NULL;
