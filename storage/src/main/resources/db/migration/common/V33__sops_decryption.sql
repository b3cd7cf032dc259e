-- SOPS files decrypted during a sync (issue 21).
-- A source's decryption keys: {"identities": ["<credential name>", ...]} (age-identity or pgp-key
-- credentials); null for none (the server-wide key files still apply).
ALTER TABLE sources ADD COLUMN decryption_json TEXT;
-- Whether SOPS files of the environment are detected and decrypted (false: applied as in Git).
ALTER TABLE environments ADD COLUMN decrypt BOOLEAN DEFAULT TRUE NOT NULL;
-- A decrypted SOPS file is stored in a snapshot by its encrypted form: `hash` is the Git blob of
-- the encrypted file (in `contents`), `decrypted_hash` the keyed hash of its plaintext that the
-- resource carried; null for every other entry. The plaintext itself is never stored.
ALTER TABLE snapshot_entries ADD COLUMN decrypted_hash CHAR(40);
