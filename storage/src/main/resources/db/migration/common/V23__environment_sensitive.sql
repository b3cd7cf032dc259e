-- The environment's sensitive globs (issue 17): files matching them are compared by a keyed hash
-- and never shown. A JSON array of strings; null for none (Kubernetes Secrets are always sensitive).
ALTER TABLE environments ADD COLUMN sensitive_json TEXT;
