import ErrorKBCore
import Foundation
import GRDB

/// One plain-SQL file of `Migrations/`.
public struct SchemaMigration: Sendable, Hashable {
    /// The file name without `.sql`: `0001_catalogue`.
    public let identifier: String
    public let sql: String
}

/// The schema's history: the numbered SQL files of `Migrations/`, applied in order, each in its own
/// transaction, and recorded in the database by GRDB's migrator (`grdb_migrations`).
public enum SchemaMigrations {
    /// Every migration, in the order it is applied.
    public static func all() throws -> [SchemaMigration] {
        let files = BundledFiles.names(in: "Migrations").filter { $0.hasSuffix(".sql") }
        guard !files.isEmpty else {
            throw KnowledgeBaseError.schema("no migrations were embedded in this binary; rebuild it from the package")
        }
        var migrations: [SchemaMigration] = []
        for (index, file) in files.enumerated() {
            let identifier = String(file.dropLast(4))
            // Numbering without gaps catches a renamed or lost file before it reaches a database.
            let expectedPrefix = String(format: "%04d_", index + 1)
            guard identifier.hasPrefix(expectedPrefix), identifier.count > expectedPrefix.count else {
                throw KnowledgeBaseError.schema(
                    "migration '\(file)' is out of sequence: expected a name starting with \(expectedPrefix)")
            }
            guard let data = BundledFiles.data(file, in: "Migrations"),
                let sql = String(data: data, encoding: .utf8)
            else {
                throw KnowledgeBaseError.schema("migration '\(file)' is not UTF-8 text")
            }
            migrations.append(SchemaMigration(identifier: identifier, sql: sql))
        }
        return migrations
    }

    /// A migrator that knows every migration, or the first `count` of them.
    static func migrator(upTo count: Int? = nil) throws -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in try all().prefix(count ?? .max) {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }
}
