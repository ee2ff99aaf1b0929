import ArgumentParser
import ErrorKBCore
import ErrorKBStore

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
        let store = status ? try global.openForReading(migrating: false) : try global.openRepository(migrating: false)
        for line in try Self.report(on: store, statusOnly: status, path: global.databasePath) { print(line) }
    }

    /// What `errorkb migrate` does to an open store, and the lines it reports: the pending
    /// migrations applied (or, with `statusOnly`, every migration and whether it is applied).
    static func report(on store: KnowledgeBaseStore, statusOnly: Bool, path: String) throws -> [String] {
        guard statusOnly else {
            let applied = try store.migrate()
            return applied.isEmpty ? ["\(path) is already at the latest schema"] : applied.map { "applied  \($0)" }
        }
        let status = try store.migrationStatus()
        let summary = "schema version \(status.version) of \(status.applied.count + status.pending.count)"
        // A read-only store is fully migrated, or it would not have opened.
        if store.isReadOnly { return [summary + " (read-only file)"] }
        return status.applied.map { "applied  \($0)" } + status.pending.map { "pending  \($0)" } + [summary]
    }
}
