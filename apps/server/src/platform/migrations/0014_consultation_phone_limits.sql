-- SMS codes for 公开征求意见 (platform/consultations/comments.ts): the daily cap a number may get over every consultation counts
-- by number; and a row per number, locked while a code is issued, so requests sent at once cannot pass the minute or the cap.
CREATE INDEX consultation_phone_codes_phone_idx ON consultation_phone_codes (phone_index, created_at DESC);
CREATE TABLE consultation_phone_numbers (
  phone_index text PRIMARY KEY
);
COMMENT ON TABLE consultation_phone_numbers IS 'One row per number (blind index) that asked for a 征求意见 SMS code: locked FOR UPDATE '
  'while a code is issued, so the one-a-minute and daily limits hold under concurrent requests.';
