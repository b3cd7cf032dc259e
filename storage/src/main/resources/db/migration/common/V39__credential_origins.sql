-- Where a named credential may be sent (issue 21): a JSON array of https:// or ssh:// URL prefixes.
-- A source may name a credential only when its URL is within them; a token or basic credential
-- without origins (one made before this migration) may be used by no new or changed source until an
-- admin sets them. Numbered apart from other work's migrations so that both apply in order.
ALTER TABLE credentials ADD COLUMN origins TEXT;
