-- Environments as code (issue 23): who declared a source or environment, and in which file. An
-- object applied from documents under an owner (driftless apply --owner, later a config
-- environment) carries the owner's name; REST changes to it are refused without force. Null for
-- objects registered by REST.
ALTER TABLE sources ADD COLUMN managed_by VARCHAR(253);
ALTER TABLE sources ADD COLUMN managed_file VARCHAR(1024);
ALTER TABLE environments ADD COLUMN managed_by VARCHAR(253);
ALTER TABLE environments ADD COLUMN managed_file VARCHAR(1024);
