-- dsledger team ledger, schema 4 (the SQLite file's schema 9). `history --all` lists every
-- release's revisions newest first, and `--since`/`--until` bound them by recording time: both
-- read this index from its newest end. `--author` and `--image` look at each revision's own
-- columns (author, and images, the JSON array the chain covers) while walking it: measured fast
-- enough at 100,000 revisions (docs/benchmarks.md), with no extension to install (pg_trgm needs
-- CREATE EXTENSION rights a team ledger's role may not have), and answered from data `verify`
-- checks rather than from a copy of it.
CREATE INDEX revision_by_time ON revision (created_at, release_id, number);
