-- dsledger store, schema 5. Settings every writer of the ledger must agree on, by name:
--   hmac-key-id: HMAC-SHA256(ledger key, 'dsledger key id v1') in hex, so that a writer with
--     another key is refused instead of recording hashes no one can compare.
--   oldest-writer: the oldest dsledger version that may still write this ledger.
CREATE TABLE setting (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
