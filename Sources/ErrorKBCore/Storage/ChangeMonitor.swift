import GRDB

/// Tells whether anyone has committed to the database since the last look, cheaply enough to
/// ask on every request: SQLite's `PRAGMA data_version` on one dedicated connection changes
/// whenever another connection, in this process or another, commits.
public final class ChangeMonitor: Sendable {
    private let connection: DatabaseQueue

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "errorkb.changes"
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// A number that differs from the last one returned iff the database changed in between.
    public func version() throws -> Int64 {
        try connection.inDatabase { db in
            try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
        }
    }
}
