-- TypeScript types of jsonb columns for the generated Kysely schema (platform/db/codegen.ts reads "[ts: …]").
COMMENT ON COLUMN disclosure_guides.content IS '公开指南 fields (条例第十二条). [ts: Record<string, unknown>]';
COMMENT ON COLUMN disclosure_reports.sections IS 'Editable narrative sections 一、五、六 of the annual report. [ts: Record<string, string>]';
COMMENT ON COLUMN disclosure_reports.snapshot IS 'The report as published (tables and sections frozen). [ts: unknown]';
