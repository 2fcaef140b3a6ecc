-- dsledger store, schema 1. Append-only history of DaemonSet revisions.
-- Never edit a migration once it has shipped: add the next numbered file instead.

-- A release: one DaemonSet (namespace, name) and everything rendered with it.
CREATE TABLE release (
    id INTEGER PRIMARY KEY,
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (namespace, name)
);
CREATE INDEX release_by_name ON release (name);

-- Content-addressed objects: one row per distinct sealed object (no plaintext secret), shared
-- by every revision that contains it. The manifest of a revision is stored here too (kind
-- KubernetesDaemonSet). digest = 'sha256:' || hex(sha256(body)); body is canonical JSON.
CREATE TABLE object (
    digest TEXT PRIMARY KEY NOT NULL,
    apiVersion TEXT NOT NULL,
    kind TEXT NOT NULL,
    namespace TEXT,
    name TEXT NOT NULL,
    body TEXT NOT NULL
) WITHOUT ROWID;

-- One distinct rendered state of a release, numbered 1, 2, 3... per release.
CREATE TABLE revision (
    id INTEGER PRIMARY KEY,
    releaseId INTEGER NOT NULL REFERENCES release (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    action TEXT NOT NULL,
    specDigest TEXT NOT NULL REFERENCES object (digest),
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
    contentDigest TEXT NOT NULL,
    chainDigest TEXT NOT NULL,
    UNIQUE (releaseId, number)
);

-- The objects of a revision, in apply order.
CREATE TABLE revisionObject (
    revisionId INTEGER NOT NULL REFERENCES revision (id),
    position INTEGER NOT NULL,
    objectDigest TEXT NOT NULL REFERENCES object (digest),
    PRIMARY KEY (revisionId, position)
) WITHOUT ROWID;

-- HMAC-SHA256(store key, value) of every secret value of every revision; never the value.
CREATE TABLE secretHash (
    revisionId INTEGER NOT NULL REFERENCES revision (id),
    secretName TEXT NOT NULL,
    key TEXT NOT NULL,
    hmac TEXT NOT NULL,
    PRIMARY KEY (revisionId, secretName, key)
) WITHOUT ROWID;

-- Every render, apply, rollback and drift check, with its outcome.
CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    releaseId INTEGER NOT NULL REFERENCES release (id),
    revisionNumber INTEGER,
    kind TEXT NOT NULL,
    outcome TEXT NOT NULL,
    author TEXT NOT NULL,
    createdAt TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX event_by_release ON event (releaseId, id);

-- History is append-only: stop accidental edits (verify catches deliberate ones).
CREATE TRIGGER revision_is_append_only_update BEFORE UPDATE ON revision
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER revision_is_append_only_delete BEFORE DELETE ON revision
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER object_is_immutable_update BEFORE UPDATE ON object
BEGIN SELECT RAISE(ABORT, 'stored objects are immutable'); END;
CREATE TRIGGER revision_object_is_append_only BEFORE UPDATE ON revisionObject
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER secret_hash_is_append_only BEFORE UPDATE ON secretHash
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
