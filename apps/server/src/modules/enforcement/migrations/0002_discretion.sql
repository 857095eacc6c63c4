-- 行政处罚裁量基准 (issue 15; 《行政处罚法》第三十四条: published): per 行政处罚 item of the 权责清单, per 违法情形, a fine range, dated.
CREATE TABLE enforcement_discretion (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code     char(6) NOT NULL,
  power_id        uuid NOT NULL REFERENCES powers_items(id),
  circumstance    text NOT NULL CONSTRAINT enforcement_discretion_circumstance_check CHECK (circumstance IN ('轻微','一般','较重','严重')),
  description     text NOT NULL,
  min_fine        numeric(14,2) NOT NULL CONSTRAINT enforcement_discretion_min_check CHECK (min_fine >= 0),
  max_fine        numeric(14,2) NOT NULL,
  basis           text NOT NULL,
  version         text NOT NULL,
  effective_from  date NOT NULL,
  updated_at      timestamptz NOT NULL,
  CONSTRAINT enforcement_discretion_range_check CHECK (max_fine >= min_fine),
  CONSTRAINT enforcement_discretion_unique UNIQUE (region_code, power_id, circumstance, effective_from)
);
COMMENT ON TABLE enforcement_discretion IS '裁量基准: the row in effect on a day is the latest effective_from ≤ that day; a case records the version it applied.';
