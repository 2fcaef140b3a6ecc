-- dsledger store, schema 9. `history --all` lists every release's revisions newest first, and
-- `--since`/`--until` bound them by recording time: both read this index from its newest end.
-- createdAt is RFC 3339 UTC text with milliseconds, so its text order is its time order.
-- `--author` and `--image` look at each revision's own columns (author, and images, the JSON
-- array the chain covers) while walking this index: measured fast enough at 100,000 revisions
-- (docs/benchmarks.md), and answered from data `verify` checks rather than from a copy of it.
CREATE INDEX revision_by_time ON revision (createdAt, releaseId, number);
