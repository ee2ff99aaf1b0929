import ArgumentParser
import ErrorKBCore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring the database to the latest schema, or show which migrations it has.",
        discussion: """
            Examples:
              errorkb migrate
              errorkb migrate --status --db /var/lib/errorkb/kb.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "List applied and pending migrations; change nothing.")
    var status = false

    func run() async throws {
        if status, KnowledgeBaseDatabase.isReadOnly(at: global.databasePath) {
            let status = try SQLiteKnowledgeBase.openReadOnly(at: global.databasePath).migrationStatus()
            print("schema version \(status.version) of \(status.applied.count + status.pending.count) (read-only file)")
            return
        }
        let pool = try KnowledgeBaseDatabase.openForWriting(at: global.databasePath, migrate: false)
        if status {
            let status = try KnowledgeBaseDatabase.migrationStatus(of: pool)
            for identifier in status.applied { print("applied  \(identifier)") }
            for identifier in status.pending { print("pending  \(identifier)") }
            print("schema version \(status.version) of \(status.applied.count + status.pending.count)")
            return
        }
        let applied = try KnowledgeBaseDatabase.migrate(pool)
        if applied.isEmpty {
            print("\(global.databasePath) is already at the latest schema")
        } else {
            for identifier in applied { print("applied  \(identifier)") }
        }
    }
}
