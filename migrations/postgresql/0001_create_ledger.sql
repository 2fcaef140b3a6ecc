-- dsledger team ledger on PostgreSQL, schema 1: the same ledger as the SQLite file (schema 5),
-- for many writers on many machines. Never edit a migration once it has shipped: add the next
-- numbered file instead. Schema changes are additive where possible, so that runners on the
-- previous dsledger keep writing while others upgrade; a change an older dsledger must not
-- write past raises the setting 'oldest-writer'.
--
-- Times come from the server's clock (now(), the transaction's start), never a runner's.
-- Digests are the 32 raw bytes of a SHA-256; outside the database they read 'sha256:<hex>'.

-- A release: one DaemonSet (namespace, name) and everything rendered with it. Writers lock its
-- row (SELECT ... FOR UPDATE) while they number its next revision: one release at a time,
-- never the whole ledger.
CREATE TABLE release (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    namespace text NOT NULL,
    name text NOT NULL,
    UNIQUE (namespace, name)
);
CREATE INDEX release_by_name ON release (name);

-- Content-addressed objects: one row per distinct sealed object (no plaintext secret), shared by
-- every revision that holds it; the manifest of a revision too. encoding: 0 canonical JSON,
-- 1 deflated canonical JSON, 2 a JSON delta against base_digest (the previous version of the same
-- object), 3 that delta deflated. depth counts the deltas down to a whole body.
CREATE TABLE object (
    digest bytea PRIMARY KEY CHECK (length(digest) = 32),
    stored bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    api_version text NOT NULL,
    kind text NOT NULL,
    namespace text,
    name text NOT NULL,
    base_digest bytea REFERENCES object (digest),
    depth integer NOT NULL DEFAULT 0 CHECK (depth >= 0),
    encoding smallint NOT NULL CHECK (encoding BETWEEN 0 AND 3),
    body bytea NOT NULL,
    CHECK ((base_digest IS NULL) = (encoding < 2))
);

-- One distinct rendered state of a release, numbered 1, 2, 3... per release, never renumbered.
CREATE TABLE revision (
    release_id bigint NOT NULL REFERENCES release (id),
    number integer NOT NULL CHECK (number >= 1),
    action text NOT NULL,
    spec_digest bytea NOT NULL REFERENCES object (digest),
    strategy_type text,
    max_unavailable text,
    max_surge text,
    min_ready_seconds bigint,
    images text NOT NULL,
    author text NOT NULL,
    message text,
    source_file text,
    tool_version text NOT NULL,
    created_at timestamptz NOT NULL,
    restored_from integer,
    content_digest bytea NOT NULL CHECK (length(content_digest) = 32),
    chain_digest bytea NOT NULL CHECK (length(chain_digest) = 32),
    origin text,
    partial boolean NOT NULL DEFAULT false,
    -- For an imported revision: when its source was written (commit author time); created_at is
    -- when the ledger recorded it.
    source_time timestamptz,
    PRIMARY KEY (release_id, number)
);
CREATE INDEX revision_by_origin ON revision (release_id, origin) WHERE origin IS NOT NULL;

-- The objects of a revision, in apply order.
CREATE TABLE revision_object (
    release_id bigint NOT NULL,
    number integer NOT NULL,
    position integer NOT NULL,
    object_digest bytea NOT NULL REFERENCES object (digest),
    PRIMARY KEY (release_id, number, position),
    FOREIGN KEY (release_id, number) REFERENCES revision (release_id, number)
);

-- HMAC-SHA256(ledger key, value) of every secret value of every revision; never the value.
CREATE TABLE secret_hash (
    release_id bigint NOT NULL,
    number integer NOT NULL,
    secret_name text NOT NULL,
    key text NOT NULL,
    hmac text NOT NULL,
    PRIMARY KEY (release_id, number, secret_name, key),
    FOREIGN KEY (release_id, number) REFERENCES revision (release_id, number)
);

-- Every render, apply, rollback, rollout, drift check and import, with its outcome.
CREATE TABLE event (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    release_id bigint NOT NULL REFERENCES release (id),
    revision_number integer,
    kind text NOT NULL,
    outcome text NOT NULL,
    author text NOT NULL,
    created_at timestamptz NOT NULL,
    detail text,
    context text,
    server text,
    origin text
);
CREATE INDEX event_by_release ON event (release_id, id);
CREATE INDEX event_by_context ON event (release_id, context, kind, id);
CREATE INDEX event_by_origin ON event (release_id, origin) WHERE origin IS NOT NULL;

-- Settings every writer must agree on: hmac-key-id, oldest-writer.
CREATE TABLE setting (
    name text PRIMARY KEY,
    value text NOT NULL
);

-- History is append-only: stop accidental edits (verify catches deliberate ones).
CREATE FUNCTION dsledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'dsledger history is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER revision_append_only BEFORE UPDATE OR DELETE ON revision
    FOR EACH ROW EXECUTE FUNCTION dsledger_append_only();
CREATE TRIGGER object_append_only BEFORE UPDATE OR DELETE ON object
    FOR EACH ROW EXECUTE FUNCTION dsledger_append_only();
CREATE TRIGGER revision_object_append_only BEFORE UPDATE OR DELETE ON revision_object
    FOR EACH ROW EXECUTE FUNCTION dsledger_append_only();
CREATE TRIGGER secret_hash_append_only BEFORE UPDATE OR DELETE ON secret_hash
    FOR EACH ROW EXECUTE FUNCTION dsledger_append_only();
CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION dsledger_append_only();
CREATE TRIGGER truncate_append_only BEFORE TRUNCATE ON revision
    FOR EACH STATEMENT EXECUTE FUNCTION dsledger_append_only();
CREATE TRIGGER truncate_event_append_only BEFORE TRUNCATE ON event
    FOR EACH STATEMENT EXECUTE FUNCTION dsledger_append_only();
