-- Environments as code (issue 23): a source or environment removed from its documents with prune
-- is retired, not deleted. A retired environment runs no more (its scheduler job goes) and keeps
-- its runs, snapshots and audit; declaring it again restores it. Only a REST DELETE purges.
ALTER TABLE sources ADD COLUMN retired BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE environments ADD COLUMN retired BOOLEAN DEFAULT FALSE NOT NULL;
