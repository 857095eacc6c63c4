-- Issue 11 (the citizen's loop): notices to the citizen at receipt, 补正, 延期, answer and closing go through the outbox
-- by SMS or e-mail. The recipient is personal data: encrypted (SM4 field crypto) and kept masked for the 消息发送记录 page.
-- A party may leave an e-mail address (依申请公开): encrypted like the phone. See platform/notifications/notices.ts.

ALTER TABLE notifications ADD COLUMN recipient_enc text;
ALTER TABLE notifications ADD COLUMN recipient_masked text;
ALTER TABLE notifications ADD COLUMN template text;
ALTER TABLE notifications ADD COLUMN transport text;
ALTER TABLE notifications ADD COLUMN next_attempt_at timestamptz;
COMMENT ON COLUMN notifications.recipient_enc IS 'Field-encrypted (SM4) phone number or e-mail address of an SMS/e-mail notice to a citizen.';
COMMENT ON COLUMN notifications.recipient_masked IS 'The recipient as shown (138****5678, z***@example.cn).';
COMMENT ON COLUMN notifications.template IS
  'The notice''s event (receipt, correction, extension, answer, closing, rating) whose county template filled the body.';
COMMENT ON COLUMN notifications.next_attempt_at IS 'After a failed delivery: not tried again before this time (1, 5, 15, 60 minutes).';
COMMENT ON COLUMN notifications.transport IS 'How it was delivered: inapp, log (written to the server log only: no gateway configured) or gateway.';

ALTER TABLE case_parties ADD COLUMN email_enc text;
COMMENT ON COLUMN case_parties.email_enc IS 'Field-encrypted (SM4) e-mail address the party gave for notices.';
