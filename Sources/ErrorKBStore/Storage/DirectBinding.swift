import ErrorKBCore
import GRDB
import GRDBSQLite

/// A value for ``GRDB/Statement/executeDirectly(_:)``.
enum BoundValue {
    case integer(Int64?)
    case text(String?)
}

extension Statement {
    /// Runs this write with `values` bound through SQLite's C API instead of GRDB's
    /// `execute(arguments:)`, which boxes every value in an existential and validates the
    /// arguments on each call. That costs about a microsecond a statement (100,000 five-column
    /// inserts: 0.21–0.26 s through GRDB, 0.12 s bound directly), and an import runs four or
    /// five inserts for every variant. Used for those hot inserts only; GRDB still prepares,
    /// caches and finalizes the statement, and rebinds everything when it runs it itself.
    func executeDirectly(_ values: BoundValue...) throws {
        try executeDirectly(values)
    }

    func executeDirectly(_ values: [BoundValue]) throws {
        let raw = bindDirectly(values)
        let code = sqlite3_step(raw)
        guard code == SQLITE_DONE else { throw failure(code) }
        sqlite3_reset(raw)
    }

    /// The first column of the first row this query gives with `values` bound directly, as an
    /// integer; `nil` if it gives no row. For the import's code lookup, where GRDB's cursor
    /// (generic metadata, a cursor object per call) cost more than SQLite's index seek.
    func fetchIntegerDirectly(_ values: BoundValue...) throws -> Int64? {
        let raw = bindDirectly(values)
        switch sqlite3_step(raw) {
        case SQLITE_ROW:
            let value = sqlite3_column_type(raw, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(raw, 0)
            sqlite3_reset(raw)
            return value
        case SQLITE_DONE:
            sqlite3_reset(raw)
            return nil
        case let code:
            throw failure(code)
        }
    }

    private func bindDirectly(_ values: [BoundValue]) -> SQLiteStatement {
        let raw = sqliteStatement
        sqlite3_reset(raw)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let number?): sqlite3_bind_int64(raw, index, number)
            case .text(var text?):
                // SQLITE_TRANSIENT: SQLite copies the bytes before the buffer goes away.
                text.withUTF8 { bytes in
                    if let start = bytes.baseAddress {
                        _ = sqlite3_bind_text(raw, index, start, Int32(bytes.count), Self.transient)
                    } else {
                        // An empty buffer may have no address; a NULL pointer would bind SQL NULL.
                        _ = sqlite3_bind_text(raw, index, "", 0, Self.transient)
                    }
                }
            case .integer(nil), .text(nil): sqlite3_bind_null(raw, index)
            }
        }
        return raw
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let raw = sqliteStatement
        let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(raw)))
        sqlite3_reset(raw)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
