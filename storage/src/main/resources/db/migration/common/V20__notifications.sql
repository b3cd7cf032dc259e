-- Notification targets an environment registered. Their URLs (a Slack incoming webhook is a
-- credential) and signing keys are one AES-GCM ciphertext; a clear summary (types, hosts, events)
-- serves API reads without decrypting.
CREATE TABLE environment_notifications (
  environment_id  BIGINT NOT NULL PRIMARY KEY REFERENCES environments (id) ON DELETE CASCADE,
  summary_json    TEXT   NOT NULL,
  targets_secret  TEXT   NOT NULL
);

-- When an event of an environment was last sent to a target: the quiet period, shared by every
-- replica. The target is a digest of its URL, never the URL.
CREATE TABLE notification_sends (
  environment  VARCHAR(63) NOT NULL,
  event        VARCHAR(32) NOT NULL,
  target       VARCHAR(64) NOT NULL,
  sent_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (environment, event, target)
);
