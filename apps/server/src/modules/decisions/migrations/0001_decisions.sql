-- 重大行政决策: public comments on a decision draft (公开征求意见, 713号 Art. 15), moderated and each answered
-- (采纳 / 部分采纳 / 不采纳 with the reason) when the 承办单位 publishes the 采纳情况.

CREATE TABLE decision_comments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases(id),
  region_code   char(6) NOT NULL,
  name_enc      text,
  name_masked   text,
  phone_enc     text,
  phone_masked  text,
  body          text NOT NULL,
  body_public   text NOT NULL,
  status        text NOT NULL DEFAULT 'shown' CONSTRAINT decision_comments_status_check CHECK (status IN ('shown','hidden')),
  hidden_reason text,
  answer        text CONSTRAINT decision_comments_answer_check CHECK (answer IN ('采纳','部分采纳','不采纳')),
  answer_reason text,
  created_at    timestamptz NOT NULL
);
COMMENT ON TABLE decision_comments IS '公开征求意见: comments on a 重大行政决策 draft from the portal; name and phone optional, field-encrypted, masked; body_public has personal data masked; hidden with a reason by moderation; answered in the 采纳情况.';
CREATE INDEX decision_comments_case_idx ON decision_comments (case_id, created_at);
