-- dsledger team ledger, schema 5 (the SQLite file's schema 10). What a change was tested with:
-- the lint findings of the revision's manifest, recorded by render, apply and rollback.
--   lint: a JSON array of {"rule", "severity", "path"}, never a value nor a message (messages may
--     quote values); '[]' when the manifest linted clean; NULL when nothing was recorded (revisions
--     from before this schema, imports, and revisions written by a dsledger that does not lint).
-- It enters the revision's keyed link only when not NULL, so links written before keep their
-- digests. Additive: runners of the previous dsledger keep writing (their revisions have none).
ALTER TABLE revision ADD COLUMN lint text;
