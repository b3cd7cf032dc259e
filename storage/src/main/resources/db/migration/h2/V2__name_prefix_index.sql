-- H2 answers LIKE 'prefix%' from the unique index on name; nothing to add (PostgreSQL needs
-- text_pattern_ops, see db/migration/postgresql).
SELECT 1;
