-- Issue 14: the comments on a draft move to the shared consultation_comments (spine 0013), which adds moderation and an
-- answer per comment. Existing comments keep their ids, shown and not yet answered.

INSERT INTO consultation_comments (id, case_id, region_code, name_enc, name_masked, phone_enc, phone_masked, body, body_public, created_at)
  SELECT id, case_id, region_code, name_enc, name_masked, phone_enc, phone_masked, body, body_public, created_at FROM normative_comments;
DROP TABLE normative_comments;
