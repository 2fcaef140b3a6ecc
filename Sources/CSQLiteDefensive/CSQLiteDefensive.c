#include "CSQLiteDefensive.h"
#include <sqlite3.h>

int dsledger_sqlite_enable_defensive(struct sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
}

int dsledger_sqlite_defensive_enabled(struct sqlite3 *db) {
    int enabled = -1;
    if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, &enabled) != SQLITE_OK) return -1;
    return enabled;
}
