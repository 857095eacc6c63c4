-- Issue 10 item 7: a 行政复议 or 行政诉讼 may be brought against a request that was never answered (政府信息公开条例 Art. 51;
-- 行政复议法 Art. 11 不履行法定职责), and table 四 counts it: record what it is brought against.
ALTER TABLE disclosure_remedies ADD COLUMN ground text NOT NULL DEFAULT 'answer'
  CONSTRAINT disclosure_remedies_ground_check CHECK (ground IN ('answer', 'inaction'));
COMMENT ON COLUMN disclosure_remedies.ground IS 'answer = against the answer given; inaction = against the failure to answer within the period (不作为).';
