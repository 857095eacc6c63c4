-- The daily cap of SMS codes a number may get over every consultation (platform/consultations/comments.ts) counts by number.
CREATE INDEX consultation_phone_codes_phone_idx ON consultation_phone_codes (phone_index, created_at DESC);
