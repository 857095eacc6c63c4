-- Issue 14: one 公开征求意见 capability for every module that consults the public (规范性文件, 重大行政决策): the comments of
-- a draft live here, with moderation (不予展示 and its reason) and the answer to each (采纳 / 部分采纳 / 不采纳 and its reason)
-- that the 采纳情况 publishes. The modules' own comment tables are copied here and dropped by their next migration.

CREATE TABLE consultation_comments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases(id),
  region_code   char(6) NOT NULL,
  name_enc      text,
  name_masked   text,
  phone_enc     text,
  phone_masked  text,
  body          text NOT NULL,
  body_public   text NOT NULL,
  status        text NOT NULL DEFAULT 'shown' CONSTRAINT consultation_comments_status_check CHECK (status IN ('shown','hidden')),
  hidden_reason text,
  answer        text CONSTRAINT consultation_comments_answer_check CHECK (answer IN ('采纳','部分采纳','不采纳')),
  answer_reason text,
  answered_by   uuid REFERENCES users(id),
  answered_at   timestamptz,
  created_at    timestamptz NOT NULL,
  CONSTRAINT consultation_comments_hidden_reason CHECK (status = 'shown' OR hidden_reason IS NOT NULL),
  CONSTRAINT consultation_comments_answer_reason CHECK (answer IS NULL OR answer_reason IS NOT NULL)
);
COMMENT ON TABLE consultation_comments IS '公开征求意见: a comment on a draft from the portal (any consulting case: data.comment holds the round); name and phone optional, field-encrypted, masked; body_public has personal data masked; hidden with a reason by moderation; answered one by one for the 采纳情况.';
CREATE INDEX consultation_comments_case_idx ON consultation_comments (case_id, created_at);

-- Phone verification of a comment (a county setting, off by default): a 6-digit code sent by SMS to the number the commenter
-- gives, kept as a keyed hash with the number's blind index, valid for the county's minutes, 5 tries, used once.
CREATE TABLE consultation_phone_codes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES cases(id),
  region_code char(6) NOT NULL,
  phone_index text NOT NULL,
  code_hash   text NOT NULL,
  expires_at  timestamptz NOT NULL,
  attempts    int NOT NULL DEFAULT 0,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL
);
COMMENT ON TABLE consultation_phone_codes IS 'SMS verification codes for public comments (when the county requires them): the phone as a blind index, the code as a keyed hash; never the plain values.';
CREATE INDEX consultation_phone_codes_lookup_idx ON consultation_phone_codes (case_id, phone_index, created_at DESC);
