-- Issue #11: the 办事指南 states what applicants look for (国务院办公厅 政务服务事项办事指南 elements): 受理条件, 办理地点和时间,
-- 咨询电话. Empty until the county fills them in (the portal then leaves the line out).
ALTER TABLE powers_services ADD COLUMN conditions text NOT NULL DEFAULT '';
ALTER TABLE powers_services ADD COLUMN place text NOT NULL DEFAULT '';
ALTER TABLE powers_services ADD COLUMN hours text NOT NULL DEFAULT '';
ALTER TABLE powers_services ADD COLUMN phone text NOT NULL DEFAULT '';
COMMENT ON COLUMN powers_services.conditions IS '受理条件 (who may apply and what must hold), as published in the 办事指南.';
COMMENT ON COLUMN powers_services.place IS '办理地点 (hall and window).';
COMMENT ON COLUMN powers_services.hours IS '办理时间 (e.g. 工作日 9:00–12:00, 13:30–17:00).';
COMMENT ON COLUMN powers_services.phone IS '咨询电话 (the window''s public line, not a person''s).';
