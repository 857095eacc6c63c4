-- Issue 10 #18: login failures counted atomically, per (account, address) and per account.
-- Keyed by the name typed, whether or not such a user exists, so that the answers (and their
-- timing path) never tell whether a username exists.

CREATE TABLE login_throttle (
  username      text NOT NULL,
  ip            text NOT NULL,
  failures      integer NOT NULL DEFAULT 0 CONSTRAINT login_throttle_failures_check CHECK (failures >= 0),
  window_from   timestamptz NOT NULL,
  locked_until  timestamptz,
  PRIMARY KEY (username, ip)
);
COMMENT ON TABLE login_throttle IS 'Failed logins in the current window, per (username typed, client address) and per username (ip = ''*''). An attempt is counted before its password is checked, so parallel guesses cannot outrun the lock. Policy: docs/SECURITY.md.';
COMMENT ON COLUMN login_throttle.ip IS 'The client address as the app sees it (trusted proxies only), or * for the account as a whole.';
