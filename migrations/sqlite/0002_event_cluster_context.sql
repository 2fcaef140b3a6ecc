-- dsledger store, schema 2. Cluster events (apply, rollback, rollout, drift) say where they went:
-- the kubeconfig context and the API server, as columns so `applied` (the last revision applied
-- to this context) and `history` can find them by index.

ALTER TABLE event ADD COLUMN context TEXT;
ALTER TABLE event ADD COLUMN server TEXT;

-- The last successful apply of a release to a context: WHERE releaseId = ? AND kind IN (...)
-- AND context = ? AND outcome = 'succeeded' ORDER BY id DESC.
CREATE INDEX event_by_context ON event (releaseId, context, kind, id);

-- Events are history too: stop accidental edits.
CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
