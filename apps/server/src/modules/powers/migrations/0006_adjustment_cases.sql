-- Issue 9: an adjustment of the 权责清单 is a case type run by the engine (powers_adjustment): proposed → approved /
-- rejected behind the case row's lock, the approved change applied in the same transaction. The row is the projection
-- of its case. A proposal made before (0.1) gets its case on its first decision (adoptCaseInTrx); imports have none.
ALTER TABLE powers_adjustments ADD COLUMN case_id uuid REFERENCES cases(id);
COMMENT ON COLUMN powers_adjustments.case_id IS 'The case (type powers_adjustment) of this adjustment; null for imports and, until their decision, for proposals made before the workflow existed.';
CREATE UNIQUE INDEX powers_adjustments_case_idx ON powers_adjustments (case_id) WHERE case_id IS NOT NULL;
