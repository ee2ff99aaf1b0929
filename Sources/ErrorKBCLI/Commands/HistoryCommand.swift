import ArgumentParser
import ErrorKBCore

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List revisions, newest first: id, who, when, what changed.",
        discussion: """
            Examples:
              errorkb history
              errorkb history 404 --json
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only revisions that touched this code.") var code: String?
    @Option(help: "At most this many revisions.") var limit = 50
    @Flag(help: "Print JSON, with each change's state before and after.") var json = false

    func run() async throws {
        let revisions = try await Self.revisions(in: global.openForReading(), code: code, limit: limit)
        if json { return try JSONOutput.print(revisions) }
        let terminal = Terminal.current
        for revision in revisions {
            let entities = revision.changes.map { "\($0.entity.rawValue) \($0.key)" }
            let touched = entities.count > 4 ? entities.prefix(3).joined(separator: ", ") + ", … (\(entities.count) changes)" : entities.joined(separator: ", ")
            print("\(terminal.bold("#\(revision.id)"))  \(revision.createdAt)  \(revision.actor)  \(revision.action)")
            print(terminal.wrap(revision.summary + terminal.dim("  [\(touched)]"), indent: 4))
        }
    }
}

extension HistoryCommand {
    /// The newest `limit` revisions, of one code if given. A code with no revision was never in
    /// this knowledge base (creating one is a revision, and deleting one leaves its history):
    /// that is refused as unknown, with the not-found exit code.
    static func revisions(in knowledgeBase: some KnowledgeBaseReading, code: String?, limit: Int) async throws -> [Revision] {
        let page = try await knowledgeBase.revisions(code: code, page: PageRequest(limit: limit))
        if let code, page.items.isEmpty { throw KnowledgeBaseError.unknownCode(code) }
        return page.items
    }
}

struct RevertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Undo a revision; the undo is itself a revision.",
        discussion: """
            Refused when a later revision changed the same entries: revert that one first.

            Example:
              errorkb revert 42
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The revision's id (see `errorkb history`).") var revision: Int64

    func run() async throws {
        let undo = try await global.openRepository().revert(revision: revision, actor: global.resolvedActor)
        print("reverted #\(revision) as #\(undo.id) (\(undo.changes.count) changes)")
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the database, even while the server runs.",
        discussion: "Example:\n  errorkb backup /var/backups/errorkb-$(date +%F).sqlite")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new file to write (must not exist).") var file: String

    func run() async throws {
        try await global.openForReading().backup(to: file)
        print("backed up \(global.databasePath) to \(file)")
    }
}
