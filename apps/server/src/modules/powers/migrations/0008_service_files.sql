-- Issue 11: the 办事指南 offers, per material on the checklist, the blank form (空白表格) and a filled-in sample (示例样表) to
-- download. The files are stored like attachments (files + file_blobs, SM3) but belong to no case: this table says which
-- files were uploaded as service files, for which county. The portal serves one only while a service in force lists it
-- on one of its materials (powers_services.materials[].blankFormFileId / sampleFileId).

CREATE TABLE powers_service_files (
  file_id      uuid PRIMARY KEY REFERENCES files(id),
  region_code  text NOT NULL,
  uploaded_at  timestamptz NOT NULL
);
COMMENT ON TABLE powers_service_files IS 'Blank forms and samples uploaded for the 办事指南 (public only while a service in force lists them).';
COMMENT ON COLUMN powers_services.materials IS
  '申请材料 checklist. [ts: { name: string; required: boolean; blankFormFileId?: string; sampleFileId?: string }[]]';
