import ErrorKBCore

/// The JSON bodies the API serves. Keys are snake_case on the wire (the encoder converts).

struct CodeListResponse: Encodable {
    var items: [CodeSummary]
    var next: String?
    var facets: Facets
}

struct SearchResponse: Encodable {
    var items: [SearchHit]
    var next: String?
}

struct VendorResponse: Encodable {
    var slug: String
    var name: String
    var kind: VendorKind
    var documentCount: Int
    var variantCount: Int
    var codeCount: Int

    init(_ summary: VendorSummary) {
        slug = summary.vendor.slug
        name = summary.vendor.name
        kind = summary.vendor.kind
        documentCount = summary.documentCount
        variantCount = summary.variantCount
        codeCount = summary.codeCount
    }
}

struct VendorListResponse: Encodable {
    var items: [VendorResponse]
}

struct VendorDetailResponse: Encodable {
    var vendor: VendorResponse
    var documents: [SourceDocument]
}

struct DocumentListResponse: Encodable {
    var items: [SourceDocument]
}

struct RevisionResponse: Encodable {
    struct Change: Encodable {
        var entity: RevisionChange.Entity
        var key: String
        var code: String?
        var before: JSONValue
        var after: JSONValue
    }

    var id: Int64
    var createdAt: String
    var actor: String
    var action: String
    var summary: String
    var reverts: Int64?
    var changes: [Change]

    init(_ revision: Revision) {
        id = revision.id
        createdAt = revision.createdAt
        actor = revision.actor
        action = revision.action
        summary = revision.summary
        reverts = revision.reverts
        changes = revision.changes.map {
            Change(entity: $0.entity, key: $0.key, code: $0.code, before: JSONValue(parsing: $0.before), after: JSONValue(parsing: $0.after))
        }
    }
}

struct RevisionListResponse: Encodable {
    var items: [RevisionResponse]
    var next: String?
}

struct HealthResponse: Encodable {
    var status: String
    var schemaVersion: Int
    var pendingMigrations: [String]
    var codes: Int
}

/// A page of divergences: those of `limit` codes; `next` while codes remain.
struct DivergenceListResponse: Encodable {
    var items: [Divergence]
    var next: String?
}

struct RetryGuidanceResponse: Encodable {
    var items: [RetryGuidance]
}

/// `GET /v1/lookup`: the codes a name names, best first, with how each matched.
struct LookupResponse: Encodable {
    struct Match: Encodable {
        var code: String
        var match: CodeNameMatch
        var matchedText: String
        var link: String
    }

    var query: String
    var items: [Match]
}
