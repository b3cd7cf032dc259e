-- An ssh environment logs in with a named credential (issue 24). The name lives in target_json, so
-- the environment also points at the credential's row, and the database itself refuses to delete a
-- credential an environment logs in with, even when the environment is registered at the same
-- moment, as it does for a source's credentials (V30). Existing ssh environments are pointed at the
-- credential their target names (names are [a-z0-9-], so the pattern holds no wildcard).
ALTER TABLE environments ADD COLUMN target_credential_id BIGINT REFERENCES credentials (id);

UPDATE environments SET target_credential_id = (
  SELECT c.id FROM credentials c
  WHERE environments.target_json LIKE '%"credential":"' || c.name || '"%'
) WHERE target_type = 'ssh';
