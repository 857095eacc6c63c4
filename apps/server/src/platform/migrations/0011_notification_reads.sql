-- Issue 11: a unit's in-app notice (派单 to 城关镇, a 退单 to the centre) is seen by every member of the unit, and each
-- marks it read for themselves: one clerk opening the inbox must not hide the notice from the others. A notice to one
-- user keeps notifications.read_at; a unit's notice is read by a user when a row here says so.

CREATE TABLE notification_reads (
  notification_id uuid NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES users(id),
  read_at         timestamptz NOT NULL,
  PRIMARY KEY (user_id, notification_id)
);
COMMENT ON TABLE notification_reads IS 'Who has read a unit''s in-app notice (notifications.org_id set), and when.';
