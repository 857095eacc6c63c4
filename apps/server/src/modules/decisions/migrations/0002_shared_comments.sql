-- Issue 14: the comments on a draft move to the shared consultation_comments (spine 0013), the one 征求意见 capability that
-- 规范性文件 now shares; every column carries over (moderation and answers included).

INSERT INTO consultation_comments (id, case_id, region_code, name_enc, name_masked, phone_enc, phone_masked, body, body_public, status,
    hidden_reason, answer, answer_reason, created_at)
  SELECT id, case_id, region_code, name_enc, name_masked, phone_enc, phone_masked, body, body_public, status,
    coalesce(hidden_reason, CASE WHEN status = 'hidden' THEN '（迁移前未记录理由）' END), answer,
    coalesce(answer_reason, CASE WHEN answer IS NOT NULL THEN '（迁移前未记录理由）' END), created_at FROM decision_comments;
DROP TABLE decision_comments;
