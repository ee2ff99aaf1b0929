import ErrorKBCore
import GRDB

/// A row of `revision`: `id`, `created_at`, `actor`, `action`, `summary`, `reverts`.
struct RevisionRecord: FetchableRecord {
    var id: Int64
    var createdAt: String
    var actor: String
    var action: String
    var summary: String
    var reverts: Int64?

    init(row: Row) throws {
        id = row["id"]
        createdAt = row["created_at"]
        actor = row["actor"]
        action = row["action"]
        summary = row["summary"]
        reverts = row["reverts"]
    }

    func revision(changes: [RevisionChange]) -> Revision {
        Revision(id: id, createdAt: createdAt, actor: actor, action: action, summary: summary, reverts: reverts, changes: changes)
    }
}

/// A row of `revision_change`: `entity`, `entity_key`, `code`, `before`, `after`.
struct RevisionChangeRecord: FetchableRecord {
    var change: RevisionChange

    init(row: Row) throws {
        change = RevisionChange(
            entity: RevisionChange.Entity(rawValue: row["entity"]) ?? .variant, key: row["entity_key"], code: row["code"],
            before: row["before"], after: row["after"])
    }
}
