-- dsledger team ledger, schema 2 (the SQLite file's schema 7). Every revision and every event is
-- a link of one chain per release, keyed: its digest is HMAC-SHA256 under the chain key (derived
-- from the ledger key with HKDF) over the link before it, its position and its fields, so that
-- someone who can only write the database cannot forge a link.
--   revision.position, event.position: the link's place in its release's chain, 1, 2, 3... over
--     revisions and events together, in the order written (writers hold the release's row lock).
--     NULL for rows written before: their revisions keep their plain SHA-256 chain (revision n is
--     then link n), accepted only before the release's first keyed link.
--   revision.chain_digest: the keyed link digest when position is set (the plain one otherwise).
--   event.chain_digest: the event's keyed link digest, NULL when position is.
ALTER TABLE revision ADD COLUMN position integer CHECK (position >= 1);
ALTER TABLE event ADD COLUMN position integer CHECK (position >= 1);
ALTER TABLE event ADD COLUMN chain_digest bytea CHECK (length(chain_digest) = 32);
ALTER TABLE event ADD CONSTRAINT event_link CHECK ((chain_digest IS NULL) = (position IS NULL));

CREATE UNIQUE INDEX revision_by_position ON revision (release_id, position) WHERE position IS NOT NULL;
CREATE UNIQUE INDEX event_by_position ON event (release_id, position) WHERE position IS NOT NULL;
