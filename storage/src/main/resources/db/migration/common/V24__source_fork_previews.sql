-- What pull-request previews do for a head from a fork (issue 17): summary (counts and names, no
-- content), approve (nothing until an operator approves the head) or off. Null reads as summary.
ALTER TABLE sources ADD COLUMN fork_previews VARCHAR(16);
