-- Issue 9: the catalogue items written in the console are a case type run by the engine (disclosure_item): the item row
-- is the projection of its case. Items other modules publish (platform/publication) have no case. Items drafted before
-- (0.1) get their case on their first action (adoptCaseInTrx), so existing rows stay actionable without a data migration.
ALTER TABLE disclosure_items ADD COLUMN case_id uuid REFERENCES cases(id);
COMMENT ON COLUMN disclosure_items.case_id IS 'The case (type disclosure_item) whose workflow this item follows; null for items other modules publish through platform/publication, and for items drafted before the workflow existed until their first action.';
CREATE UNIQUE INDEX disclosure_items_case_idx ON disclosure_items (case_id) WHERE case_id IS NOT NULL;
