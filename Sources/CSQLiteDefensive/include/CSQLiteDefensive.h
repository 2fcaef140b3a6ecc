#ifndef CSQLITEDEFENSIVE_H
#define CSQLITEDEFENSIVE_H

// SQLite's defensive mode for one connection. sqlite3_db_config is variadic, which Swift
// cannot call, so these two functions call it for the History module.

struct sqlite3;

/// Turns SQLITE_DBCONFIG_DEFENSIVE on for `db`: no writable_schema, no writes to shadow tables
/// or to sqlite_dbpage, and no other way to corrupt the file through SQL. Returns SQLite's result
/// code (SQLITE_OK is 0).
int dsledger_sqlite_enable_defensive(struct sqlite3 *db);

/// 1 when defensive mode is on for `db`, 0 when off, -1 when SQLite cannot say.
int dsledger_sqlite_defensive_enabled(struct sqlite3 *db);

#endif
