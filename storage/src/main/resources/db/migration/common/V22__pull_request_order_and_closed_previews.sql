-- The newest update time (the host's, from the payload) of each pull request's events, per source
-- (issue 17): an event older than it is a replay or a late delivery and must not move a preview
-- back to an old head. Kept while the source exists, so a replay stays ignored after the delivery
-- ids and body hashes are forgotten.
CREATE TABLE pull_request_event_order (
  source_id   BIGINT NOT NULL,
  pr          BIGINT NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (source_id, pr),
  CONSTRAINT pull_request_event_order_source FOREIGN KEY (source_id) REFERENCES sources (id)
    ON DELETE CASCADE
);

-- When the pull request of a preview was closed (or merged); null while it is open. Retention
-- deletes a preview once it has been closed for longer than retention.closedPreviewsFor.
ALTER TABLE previews ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
