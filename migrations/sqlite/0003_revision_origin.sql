-- dsledger store, schema 3. Imported history: where a revision came from and whether it holds
-- only part of a release.
--   revision.origin: 'git:<commit>' or 'cluster:<controllerrevision-name>'; NULL when dsledger
--     rendered the revision itself.
--   revision.partial: 1 when the revision holds only the DaemonSet rebuilt from a
--     ControllerRevision (no update strategy, Secrets, ConfigMaps or RBAC).
--   event.origin: the version an import event is about, so that a skipped or unchanged version
--     is not imported again.
-- Both enter the chain digest only when set, so revisions recorded before schema 3 still verify.

ALTER TABLE revision ADD COLUMN origin TEXT;
ALTER TABLE revision ADD COLUMN partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1));
ALTER TABLE event ADD COLUMN origin TEXT;

-- What an import has already seen of a release: WHERE releaseId = ? AND origin >= 'git:' AND origin < 'git;'.
CREATE INDEX revision_by_origin ON revision (releaseId, origin) WHERE origin IS NOT NULL;
CREATE INDEX event_by_origin ON event (releaseId, origin) WHERE origin IS NOT NULL;
