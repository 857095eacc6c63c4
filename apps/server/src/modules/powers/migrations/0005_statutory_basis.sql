-- Issue 10 items 13 and 14 (《行政许可法》第四十二条第一款"法律、法规另有规定的，依照其规定"; 第四十三条): a service item may carry
-- a longer 法定时限 when it cites the law that gives it (in working days or in natural days), and an item decided by a
-- higher organ after this county's 初步审查 is marked so (its clock is the 20-day pre-review of Art. 43).
ALTER TABLE powers_services DROP CONSTRAINT powers_services_statutory_check;
ALTER TABLE powers_services ADD CONSTRAINT powers_services_statutory_check CHECK (statutory_days BETWEEN 0 AND 366);
ALTER TABLE powers_services
  ADD COLUMN statutory_unit text NOT NULL DEFAULT 'workdays' CONSTRAINT powers_services_statutory_unit_check CHECK (statutory_unit IN ('workdays', 'days')),
  ADD COLUMN statutory_basis text NOT NULL DEFAULT '',
  ADD COLUMN pre_review boolean NOT NULL DEFAULT false;
ALTER TABLE powers_services ADD CONSTRAINT powers_services_special_basis_check CHECK (statutory_unit = 'workdays' OR statutory_basis <> '');
COMMENT ON COLUMN powers_services.statutory_basis IS 'The law that gives a 法定时限 other than 行政许可法 Art. 42 (its article and words); empty = Art. 42 applies.';
COMMENT ON COLUMN powers_services.statutory_unit IS 'Unit of statutory_days: workdays (行政许可法 Art. 82), or natural days where the special law says 日.';
COMMENT ON COLUMN powers_services.pre_review IS '依法应当先经下级行政机关审查后报上级行政机关决定 (行政许可法 Art. 43): this county reviews within 20 days and forwards.';
