-- dsledger store, schema 6. An imported revision keeps when its source was written (the commit's
-- author time, the ControllerRevision's creation) apart from createdAt, when the ledger recorded
-- it. It enters the chain digest only when set, so revisions recorded before still verify.
ALTER TABLE revision ADD COLUMN sourceTime TEXT;
