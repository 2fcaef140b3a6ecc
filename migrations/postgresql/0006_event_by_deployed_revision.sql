-- dsledger team ledger, schema 6. The index the SQLite file has had since its schema 4
-- (event_by_deployed_revision): the last apply or rollback of each revision on a page of
-- `history`, found without reading every event of the release (7.5 ms of a 100,000-event
-- release's first page before). Additive: runners of the previous dsledger keep writing.
CREATE INDEX event_by_deployed_revision ON event (release_id, revision_number) WHERE kind IN ('apply', 'rollback');
