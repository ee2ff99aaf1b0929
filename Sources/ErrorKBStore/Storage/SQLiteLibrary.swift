import CSQLiteConfig
import ErrorKBCore

/// Process-wide settings of the SQLite library, which only hold if made before SQLite is first
/// used. Each executable calls ``configureForThisProcess()`` first thing in `main`.
public enum SQLiteLibrary {
    /// Whether the settings took: `false` if SQLite had already started, which costs speed only.
    @discardableResult
    public static func configureForThisProcess() -> Bool {
        // With statistics on, every allocation SQLite makes takes a process-wide mutex to keep
        // sqlite3_memory_used() current, which nothing here reads. An import allocates for
        // every row: the mutex was 2% of its samples (BENCHMARKS.md, session 5).
        errorkb_sqlite_disable_memory_statistics() == 0
    }
}
