-- dsledger team ledger, schema 3 (the SQLite file's schema 8). Change records: what an auditor
-- asks of a change besides who and why.
--   ticket: the change ticket given with --ticket or DSLEDGER_TICKET; NULL when none was.
--   approved_by: who approved it (--approved-by, DSLEDGER_APPROVED_BY), a JSON array of text in
--     the order given; NULL when nobody was named.
--   emergency: why the change was made without a ticket where the ledger's policy requires one
--     (--emergency REASON); NULL for an ordinary change.
-- On the revision a command recorded, or on the events of a command that recorded no new
-- revision (an apply of the latest revision). Each enters the row's keyed link only when set, so
-- links written before keep their digests. Additive: runners of the previous dsledger keep
-- writing (their rows have none). The ledger's policy (require-ticket) is no column: it is the
-- latest 'policy' event of the release dsledger.io/policy, a link of its own chain.
ALTER TABLE revision ADD COLUMN ticket text;
ALTER TABLE revision ADD COLUMN approved_by text;
ALTER TABLE revision ADD COLUMN emergency text;
ALTER TABLE event ADD COLUMN ticket text;
ALTER TABLE event ADD COLUMN approved_by text;
ALTER TABLE event ADD COLUMN emergency text;

-- A dsledger before this schema writes plain (unkeyed) links, which read as damage after keyed
-- ones, and knows no policy: from here on only dsledger 0.3.0 and later may write.
UPDATE setting SET value = '0.3.0' WHERE name = 'oldest-writer' AND value IN ('0.1.0', '0.2.0');
