-- dsledger store, schema 4. Compact storage: an image-only revision used to cost a whole new
-- DaemonSet and manifest (~3 KB each) plus 71-character hex digests repeated in every row.
--   object: integer ids; digest is the 32 raw bytes of sha256(canonical JSON); body is stored as
--     encoding 0 canonical JSON, 1 canonical JSON deflated (RFC 1951), 2 a JSONDelta against
--     the object baseId (the previous version of the same object), 3 that delta deflated.
--     depth counts the deltas to reach a whole body (0 for encodings 0 and 1).
--   revision: specObjectId replaces specDigest; contentDigest and chainDigest are raw bytes.
--   revisionObject: objectId replaces objectDigest.
-- Digests still read 'sha256:<hex>' everywhere outside the database, and the chain is computed
-- over that text as before, so every revision recorded earlier still verifies.
-- dsledger_digest_bytes('sha256:<hex>') is a function the store registers on its connections.
-- Objects already stored keep their text as encoding 0; new objects are compressed.

CREATE TABLE object_v4 (
    id INTEGER PRIMARY KEY,
    digest BLOB NOT NULL UNIQUE CHECK (length(digest) = 32),
    apiVersion TEXT NOT NULL,
    kind TEXT NOT NULL,
    namespace TEXT,
    name TEXT NOT NULL,
    baseId INTEGER REFERENCES object_v4 (id),
    depth INTEGER NOT NULL DEFAULT 0 CHECK (depth >= 0),
    encoding INTEGER NOT NULL CHECK (encoding BETWEEN 0 AND 3),
    body BLOB NOT NULL,
    CHECK ((baseId IS NULL) = (encoding < 2))
);
INSERT INTO object_v4 (digest, apiVersion, kind, namespace, name, encoding, body)
SELECT dsledger_digest_bytes(digest), apiVersion, kind, namespace, name, 0, CAST(body AS BLOB) FROM object;

CREATE TABLE revision_v4 (
    id INTEGER PRIMARY KEY,
    releaseId INTEGER NOT NULL REFERENCES release (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    action TEXT NOT NULL,
    specObjectId INTEGER NOT NULL REFERENCES object_v4 (id),
    strategyType TEXT,
    maxUnavailable TEXT,
    maxSurge TEXT,
    minReadySeconds INTEGER,
    images TEXT NOT NULL,
    author TEXT NOT NULL,
    message TEXT,
    sourceFile TEXT,
    toolVersion TEXT NOT NULL,
    createdAt TEXT NOT NULL,
    restoredFrom INTEGER,
    contentDigest BLOB NOT NULL,
    chainDigest BLOB NOT NULL,
    origin TEXT,
    partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
    UNIQUE (releaseId, number)
);
-- A revision whose spec object is missing keeps a NULL here and stops the migration: better
-- than dropping the revision.
INSERT INTO revision_v4 (id, releaseId, number, action, specObjectId, strategyType, maxUnavailable, maxSurge,
    minReadySeconds, images, author, message, sourceFile, toolVersion, createdAt, restoredFrom, contentDigest,
    chainDigest, origin, partial)
SELECT revision.id, releaseId, number, action,
    (SELECT id FROM object_v4 WHERE object_v4.digest = dsledger_digest_bytes(revision.specDigest)),
    strategyType, maxUnavailable, maxSurge, minReadySeconds, images, author, message, sourceFile, toolVersion,
    createdAt, restoredFrom, dsledger_digest_bytes(contentDigest), dsledger_digest_bytes(chainDigest), origin, partial
FROM revision;

CREATE TABLE revisionObject_v4 (
    revisionId INTEGER NOT NULL REFERENCES revision_v4 (id),
    position INTEGER NOT NULL,
    objectId INTEGER NOT NULL REFERENCES object_v4 (id),
    PRIMARY KEY (revisionId, position)
) WITHOUT ROWID;
INSERT INTO revisionObject_v4 (revisionId, position, objectId)
SELECT revisionId, position,
    (SELECT id FROM object_v4 WHERE object_v4.digest = dsledger_digest_bytes(revisionObject.objectDigest))
FROM revisionObject;

-- The old tables go with their triggers and indexes; the new ones take their names (SQLite
-- rewrites the references to them).
DROP TABLE revisionObject;
DROP TABLE revision;
DROP TABLE object;
ALTER TABLE object_v4 RENAME TO object;
ALTER TABLE revision_v4 RENAME TO revision;
ALTER TABLE revisionObject_v4 RENAME TO revisionObject;

CREATE INDEX revision_by_origin ON revision (releaseId, origin) WHERE origin IS NOT NULL;

-- history's CLUSTER column: the latest apply or rollback of each revision on the page, found by
-- index instead of by reading every event of the release.
CREATE INDEX event_by_deployed_revision ON event (releaseId, revisionNumber) WHERE kind IN ('apply', 'rollback');

CREATE TRIGGER revision_is_append_only_update BEFORE UPDATE ON revision
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER revision_is_append_only_delete BEFORE DELETE ON revision
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER object_is_immutable_update BEFORE UPDATE ON object
BEGIN SELECT RAISE(ABORT, 'stored objects are immutable'); END;
CREATE TRIGGER revision_object_is_append_only BEFORE UPDATE ON revisionObject
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
