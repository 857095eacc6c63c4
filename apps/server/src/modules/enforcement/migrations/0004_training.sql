-- 执法人员培训和考试 (issue 15: 大学习大练兵大比武; the 培训考试人数 metric): sessions and who attended, with exam scores.
CREATE TABLE enforcement_trainings (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code  char(6) NOT NULL,
  org_id       uuid NOT NULL REFERENCES orgs(id),
  title        text NOT NULL,
  kind         text NOT NULL CONSTRAINT enforcement_trainings_kind_check CHECK (kind IN ('培训','考试','培训考试')),
  held_on      date NOT NULL,
  hours        integer NOT NULL DEFAULT 0 CONSTRAINT enforcement_trainings_hours_check CHECK (hours >= 0),
  updated_at   timestamptz NOT NULL
);
CREATE INDEX enforcement_trainings_held_idx ON enforcement_trainings (region_code, held_on);
CREATE TABLE enforcement_training_attendees (
  training_id  uuid NOT NULL REFERENCES enforcement_trainings(id),
  officer_id   uuid NOT NULL REFERENCES enforcement_officers(id),
  score        numeric(5,1) CONSTRAINT enforcement_training_attendees_score_check CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
  PRIMARY KEY (training_id, officer_id)
);
COMMENT ON TABLE enforcement_training_attendees IS 'Officers who attended a 培训/考试 session; score for exams (0–100, null for 培训 only).';
