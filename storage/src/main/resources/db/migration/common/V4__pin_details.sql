-- Who pinned an environment and why, the run whose snapshot a pin falls back to when its revision
-- left the repository, and the restore commit whose arrival on the branch releases the pin (or
-- why it could not be pushed).
ALTER TABLE environments ADD COLUMN pinned_by VARCHAR(255);
ALTER TABLE environments ADD COLUMN pinned_reason VARCHAR(4096);
ALTER TABLE environments ADD COLUMN pinned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE environments ADD COLUMN pinned_run_id BIGINT;
ALTER TABLE environments ADD COLUMN pinned_restore_commit CHAR(40);
ALTER TABLE environments ADD COLUMN pinned_restore_error VARCHAR(4096);
