-- Issue 21: the mode of the files an environment writes decrypted from SOPS files (decryption.mode),
-- as permission bits; 384 is 0600, the default.
ALTER TABLE environments ADD COLUMN decrypted_mode INTEGER DEFAULT 384 NOT NULL;
-- How many values of a decrypted SOPS file or object a run's change changed: computed at run time
-- from both plaintexts and kept as a count only, never a value.
ALTER TABLE run_changes ADD COLUMN values_changed INTEGER;
