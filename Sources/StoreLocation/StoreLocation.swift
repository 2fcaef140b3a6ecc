// The parser of ledger locations.
