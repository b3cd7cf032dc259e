-- LIKE 'prefix%' can use a btree index only with pattern ops under a non-C collation.
CREATE INDEX environments_name_pattern ON environments (name text_pattern_ops);
