-- The promotion rule of a receiving environment (issue 22): {"from": "<environment>", "paths":
-- ["<glob>", ...], "via": "commit" | "pull-request"}; null when the environment receives none.
ALTER TABLE environments ADD COLUMN promotion_json TEXT;
