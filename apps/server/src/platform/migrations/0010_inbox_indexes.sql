-- Issue 11 (the console's bell): the unread count is asked every minute by every open console, over the caller's own
-- in-app notices (theirs and their orgs'). Partial indexes on the unread in-app rows keep that one count cheap.

CREATE INDEX notifications_inbox_org_idx ON notifications (org_id, created_at) WHERE channel = 'inapp' AND read_at IS NULL;
CREATE INDEX notifications_inbox_user_idx ON notifications (user_id, created_at) WHERE channel = 'inapp' AND read_at IS NULL;
