-- Issue 21: the mode of the files an environment writes decrypted from SOPS files (decryption.mode),
-- as permission bits; 384 is 0600, the default.
ALTER TABLE environments ADD COLUMN decrypted_mode INTEGER DEFAULT 384 NOT NULL;
