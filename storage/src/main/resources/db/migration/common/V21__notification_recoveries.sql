-- The newest failed run of each environment whose recovery was announced: a recovery is announced
-- once, whether a recorded run or a scheduled check (which records no run) sees it first, and on
-- whichever replica.
CREATE TABLE notification_recoveries (
  environment  VARCHAR(63) NOT NULL PRIMARY KEY,
  failed_run   BIGINT      NOT NULL
);
