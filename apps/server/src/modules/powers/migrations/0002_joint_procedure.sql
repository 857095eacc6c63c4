-- Issue #5: 政务服务事项 handled 统一办理 / 联合办理 / 集中办理 (《行政许可法》第二十六条): their decision runs under
-- Art. 42 ¶2 (≤ 45 WD, +15 WD by 本级人民政府负责人) instead of Art. 42 ¶1 (≤ 20 WD, +10 WD by 本行政机关负责人).
ALTER TABLE powers_services
  ADD COLUMN joint_mode text CONSTRAINT powers_services_joint_mode_check CHECK (joint_mode IN ('统一办理','联合办理','集中办理'));
COMMENT ON COLUMN powers_services.joint_mode IS '统一办理/联合办理/集中办理 (行政许可法 Art. 26, 42 ¶2), null = handled by one organ (Art. 42 ¶1). 法定时限 ≤ 20 WD, or ≤ 45 WD with a mode: checked by the service API and again by the ledger at 受理 (rules approvals.decision / approvals.decision.joint).';
