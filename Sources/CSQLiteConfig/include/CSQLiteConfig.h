#ifndef CSQLITECONFIG_H
#define CSQLITECONFIG_H

/// Turns off SQLite's memory statistics for the whole process. Returns SQLite's result code:
/// SQLITE_OK (0), or SQLITE_MISUSE (21) once SQLite has been initialized, when it is too late.
///
/// It exists in C because sqlite3_config is variadic, and Swift cannot call variadic C functions.
int errorkb_sqlite_disable_memory_statistics(void);

#endif
