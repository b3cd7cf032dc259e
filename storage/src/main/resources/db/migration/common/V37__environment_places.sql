-- The state of each place of an environment whose target has several (an ssh target's hosts,
-- issue 24) after its last run or check: {"<host:port>": "SYNCED" | "DRIFTED" | "OUT_OF_SYNC" |
-- "FAILED"}; null for other targets.
ALTER TABLE environments ADD COLUMN places_json TEXT;
