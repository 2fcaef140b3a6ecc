-- dsledger store, schema 7. Every revision and every event is a link of one chain per release,
-- keyed: its digest is HMAC-SHA256 under the chain key (derived from the ledger key with HKDF)
-- over the link before it, its position and its fields, so that someone who can only write the
-- database cannot forge a link.
--   revision.position, event.position: the link's place in its release's chain, 1, 2, 3... over
--     revisions and events together, in the order written. NULL for rows written before schema
--     7: their revisions keep their plain SHA-256 chain (revision n is then link n), accepted
--     only before the release's first keyed link, which continues from the last of them.
--   revision.chainDigest: the keyed link digest when position is set (the plain one otherwise).
--   event.chainDigest: the event's keyed link digest (32 raw bytes), NULL when position is.
ALTER TABLE revision ADD COLUMN position INTEGER CHECK (position >= 1);
ALTER TABLE event ADD COLUMN position INTEGER CHECK (position >= 1);
ALTER TABLE event ADD COLUMN chainDigest BLOB CHECK ((chainDigest IS NULL) = (position IS NULL));

-- The chain head of a release (its latest link): the highest position of either table.
CREATE UNIQUE INDEX revision_by_position ON revision (releaseId, position) WHERE position IS NOT NULL;
CREATE UNIQUE INDEX event_by_position ON event (releaseId, position) WHERE position IS NOT NULL;
