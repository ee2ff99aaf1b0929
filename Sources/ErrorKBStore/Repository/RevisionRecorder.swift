import ErrorKBCore
import Foundation
import GRDB

/// Collects what one write transaction changes and stores it as one revision when the write
/// ends. A write that changed nothing leaves no revision.
final class RevisionRecorder {
    private struct Change {
        var entity: RevisionChange.Entity
        var key: String
        var code: String?
        var before: String?
        var after: String?
    }

    let actor: String
    let action: String
    private var changes: [Change] = []
    /// Each variant's states before and after, in the order they were recorded: what the search
    /// index is brought up to date from (``SearchIndexUpkeep``).
    private(set) var variantChanges: [(before: VariantSnapshot?, after: VariantSnapshot?)] = []
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(actor: String, action: String) throws {
        let trimmed = actor.trimmingWhitespace()
        guard !actor.isBlankText else { throw KnowledgeBaseError.invalid(field: "actor", reason: "must not be empty") }
        self.actor = trimmed
        self.action = action
    }

    var isEmpty: Bool { changes.isEmpty }

    func record<State: Encodable & Equatable>(
        _ entity: RevisionChange.Entity, key: String, code: String?, before: State?, after: State?
    ) throws {
        guard before != after else { return }
        if entity == .variant {
            variantChanges.append((before.flatMap { $0 as? VariantSnapshot }, after.flatMap { $0 as? VariantSnapshot }))
        }
        changes.append(
            Change(
                entity: entity, key: key, code: code, before: try before.map(json), after: try after.map(json)))
    }

    /// Writes the revision and its changes; returns its id, or `nil` if nothing changed.
    @discardableResult
    func commit(_ db: Database, summary: String, reverts: Int64? = nil) throws -> Int64? {
        guard !changes.isEmpty else { return nil }
        try db.execute(
            sql: "INSERT INTO revision (created_at, actor, action, summary, reverts) VALUES (?, ?, ?, ?, ?)",
            arguments: [Timestamp.now(), actor, action, summary, reverts])
        let revisionID = db.lastInsertedRowID
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO revision_change (revision_id, entity, entity_key, code, before, after)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        for change in changes {
            try statement.executeDirectly(
                .integer(revisionID), .text(change.entity.rawValue), .text(change.key), .text(change.code),
                .text(change.before), .text(change.after))
        }
        return revisionID
    }

    private func json(_ value: some Encodable) throws -> String {
        if let variant = value as? VariantSnapshot { return variant.jsonText }
        if let code = value as? CodeSnapshot { return code.jsonText }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
