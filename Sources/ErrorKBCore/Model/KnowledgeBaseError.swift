/// What the knowledge base refuses, in words a person can act on. Not-found reads return `nil`;
/// these are for writes and for input that cannot be served.
public enum KnowledgeBaseError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownCode(String)
    case unknownVendor(String)
    case unknownDocument(String)
    case unknownVariant(Int64)
    case unknownVariantOf(code: String, vendor: String, document: String?, section: String?)
    case unknownRevision(Int64)
    /// No retry guidance for this code (and context, written `code@context`).
    case unknownGuidance(String)
    case invalid(field: String, reason: String)
    case conflict(String)
    case ambiguousVariant(code: String, candidates: [Variant])
    /// The database's schema is not the one this build knows (pending or unknown migrations),
    /// or the build lacks what it embeds.
    case schema(String)
    /// The file or the storage engine failed: it cannot be created, opened, written or read.
    case storage(String)

    public var description: String {
        switch self {
        case .unknownCode(let code): "unknown code \(code.quotedForMessage())"
        case .unknownVendor(let slug): "unknown vendor \(slug.quotedForMessage())"
        case .unknownDocument(let name): "unknown document \(name.quotedForMessage(limit: 255))"
        case .unknownVariant(let id): "unknown variant \(id)"
        case .unknownVariantOf(let code, let vendor, let document, let section):
            "\(vendor) has no variant of \(code)" + (document.map { " in \($0)" } ?? "") + (section.map { " under '\($0)'" } ?? "")
        case .unknownRevision(let id): "unknown revision \(id)"
        case .unknownGuidance(let key): "no retry guidance for \(key.quotedForMessage(limit: 200))"
        case .invalid(let field, let reason): "invalid \(field): \(reason)"
        case .conflict(let message): message
        case .ambiguousVariant(let code, let candidates):
            "\(candidates.count) variants of \(code) match: " + Self.listing(candidates)
        case .schema(let message), .storage(let message): message
        }
    }
}

extension KnowledgeBaseError {
    /// Candidate variants as `id (vendor, document, section)`, for a caller to choose from.
    public static func listing(_ candidates: [Variant]) -> String {
        candidates.map { v in "\(v.id) (\(v.vendor), \(v.document ?? "no document"), \(v.section ?? "no section"))" }
            .joined(separator: "; ")
    }

    /// The storage engine's own words for a failure it raised (the file cannot be opened, the
    /// disk is full, ...), or `nil` if `error` did not come from storage.
    public static func storageMessage(for error: any Error) -> String? {
        (error as? any StorageEngineFailure)?.storageMessage
    }
}

/// An error raised by a storage engine itself, which a store marks so that callers can word
/// it without knowing the engine.
public protocol StorageEngineFailure: Error {
    /// What happened, in the engine's words.
    var storageMessage: String { get }
}
