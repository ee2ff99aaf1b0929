/// One write to the knowledge base: who, when, what, and each entity's state before and after.
public struct Revision: Codable, Sendable, Hashable {
    public var id: Int64
    /// ISO 8601, UTC.
    public var createdAt: String
    public var actor: String
    /// A dotted verb such as `variant.update` or `import`.
    public var action: String
    public var summary: String
    /// The revision this one undid, if it is a revert.
    public var reverts: Int64?
    public var changes: [RevisionChange]

    public init(
        id: Int64, createdAt: String, actor: String, action: String, summary: String, reverts: Int64?,
        changes: [RevisionChange]
    ) {
        self.id = id
        self.createdAt = createdAt
        self.actor = actor
        self.action = action
        self.summary = summary
        self.reverts = reverts
        self.changes = changes
    }
}

/// The change one revision made to one entity, as JSON snapshots.
public struct RevisionChange: Codable, Sendable, Hashable {
    public enum Entity: String, Codable, Sendable {
        case vendor, code, document, variant, guidance
    }

    public var entity: Entity
    /// The entity's natural key: a slug, a code, a file name or a variant id.
    public var key: String
    public var code: String?
    /// JSON text; `nil` when the entity was created.
    public var before: String?
    /// JSON text; `nil` when the entity was deleted.
    public var after: String?

    public init(entity: Entity, key: String, code: String?, before: String?, after: String?) {
        self.entity = entity
        self.key = key
        self.code = code
        self.before = before
        self.after = after
    }
}
