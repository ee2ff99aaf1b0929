import ArgumentParser
import ErrorKBCore
import ErrorKBStore
import Foundation

/// The options every command shares: which database, and who is making the change.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The knowledge base file (default: $ERRORKB_DB, else ./errorkb.sqlite).")
    var db: String?

    @Option(name: .long, help: "Who the revision log names for this change (default: your OS user).")
    var actor: String?

    var databasePath: String { DatabaseLocation.resolve(option: db) }

    func validate() throws {
        // An empty --db is a mistake (an unset variable), not a request for the default file.
        if let db, db.isEmpty { throw ValidationError("--db must name a file; leave it out for $ERRORKB_DB or ./errorkb.sqlite") }
    }

    var resolvedActor: String { actor ?? OSUser.name }

    /// Opens the knowledge base, creating and migrating it first if needed.
    func openRepository(migrating: Bool = true) throws -> KnowledgeBaseStore {
        kept(try KnowledgeBaseStore.open(at: databasePath, migrating: migrating))
    }

    /// Opens the knowledge base for a command that only reads: a file this user cannot write
    /// (mode 0444, a read-only mount) is read as it is, and anything else as for writing.
    func openForReading(migrating: Bool = true) throws -> KnowledgeBaseStore {
        kept(try KnowledgeBaseStore.openForReading(at: databasePath, migrating: migrating))
    }

    /// Opens the knowledge base with connections that cannot write, as a server reads it.
    func openReadOnly() throws -> KnowledgeBaseStore {
        kept(try KnowledgeBaseStore.openReadOnly(at: databasePath))
    }

    private func kept(_ store: KnowledgeBaseStore) -> KnowledgeBaseStore {
        OpenedStores.current?.keep(store) ?? store
    }
}

enum OSUser {
    /// The login name of the user running the command.
    static var name: String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid-\(getuid())"
    }
}
