-- dsledger store, schema 8. Change records: what an auditor asks of a change besides who and why.
--   ticket: the change ticket given with --ticket or DSLEDGER_TICKET; NULL when none was.
--   approvedBy: who approved it (--approved-by, DSLEDGER_APPROVED_BY), a JSON array of text in
--     the order given; NULL when nobody was named.
--   emergency: why the change was made without a ticket where the ledger's policy requires one
--     (--emergency REASON); NULL for an ordinary change.
-- On the revision a command recorded, or on the events of a command that recorded no new
-- revision (an apply of the latest revision). Each enters the row's keyed link only when set, so
-- links written before keep their digests. The ledger's policy (require-ticket) is no column: it
-- is the latest 'policy' event of the release dsledger.io/policy, a link of its own chain.
ALTER TABLE revision ADD COLUMN ticket TEXT;
ALTER TABLE revision ADD COLUMN approvedBy TEXT;
ALTER TABLE revision ADD COLUMN emergency TEXT;
ALTER TABLE event ADD COLUMN ticket TEXT;
ALTER TABLE event ADD COLUMN approvedBy TEXT;
ALTER TABLE event ADD COLUMN emergency TEXT;
