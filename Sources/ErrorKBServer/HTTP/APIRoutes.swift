import ErrorKBCore
import Hummingbird

/// Every path the server answers, each defined once: the router registers these cases, each
/// handler reads its query rules from its case, and the 405 check and the OpenAPI document are
/// built from all of them, so none can forget or misspell a route.
enum APIPath: String, CaseIterable, Sendable {
    case codes = "/v1/codes"
    case code = "/v1/codes/{code}"
    case codeHistory = "/v1/codes/{code}/history"
    case vendors = "/v1/vendors"
    case vendor = "/v1/vendors/{slug}"
    case documents = "/v1/documents"
    case document = "/v1/documents/{id}"
    case search = "/v1/search"
    case lookup = "/v1/lookup"
    case divergences = "/v1/divergences"
    case retryGuidance = "/v1/guidance/retry"
    case health = "/healthz"
    case metrics = "/metrics"
    case openAPI = "/openapi.json"

    /// Hummingbird's pattern, which is also the OpenAPI path: `/v1/codes/{code}`.
    var pattern: String { rawValue }

    /// What the route promises: its operation, query parameters and answer.
    var route: APIRoute {
        switch self {
        case .codes:
            APIRoute(
                path: self, operationID: "listCodes", summary: "List codes, filtered, with facet counts",
                query: [.kind, .httpClass, .vendor, .document, .filterText, .limit, .cursor], schema: "CodeList")
        case .code:
            APIRoute(
                path: self, operationID: "getCode", summary: "A code with every vendor's variant, causes, fixes and provenance",
                query: [QueryParameter(name: "vendor", description: "Only this vendor's variants.", kind: .slug)], schema: "Code")
        case .codeHistory:
            APIRoute(
                path: self, operationID: "getCodeHistory", summary: "Revisions that touched a code", query: [.limit, .numberCursor],
                schema: "RevisionList")
        case .vendors:
            APIRoute(path: self, operationID: "listVendors", summary: "Every vendor with its counts", query: [], schema: "VendorList")
        case .vendor:
            APIRoute(
                path: self, operationID: "getVendor", summary: "A vendor with its documents and counts", query: [],
                schema: "VendorDetail")
        case .documents:
            APIRoute(
                path: self, operationID: "listDocuments", summary: "Imported documents",
                query: [QueryParameter(name: "vendor", description: "Only this vendor's documents.", kind: .slug)],
                schema: "DocumentList")
        case .document:
            APIRoute(path: self, operationID: "getDocument", summary: "One imported document", query: [], schema: "Document")
        case .search:
            APIRoute(
                path: self, operationID: "search", summary: "Variants matching words, best first, with highlighted snippets",
                query: [.searchText, .kind, .httpClass, .vendor, .document, .limit, .numberCursor], schema: "SearchResults")
        case .lookup:
            APIRoute(
                path: self, operationID: "lookup",
                summary: "The codes a name names (404, Not Found, NOT_FOUND, HTTP 404, invalid_grant, an old title), with how each matched",
                query: [
                    QueryParameter(
                        name: "q",
                        description: "A code, an HTTP status line, another spelling of a code, or a title; a name longer than \(CodeNameLookup.maximumNameLength) characters names nothing.",
                        kind: .searchText, required: true)
                ], schema: "Lookup")
        case .divergences:
            APIRoute(
                path: self, operationID: "listDivergences",
                summary: "Where variants disagree with the registries, the OAuth specifications and each other",
                query: [
                    QueryParameter(name: "vendor", description: "Only this vendor's divergences.", kind: .slug),
                    QueryParameter(
                        name: "kind", description: "Only divergences of this kind.",
                        kind: .enumeration(Divergence.Kind.allCases.map(\.rawValue))),
                    // A page is `limit` codes' divergences, so that it costs its page at any size.
                    .limit, .cursor,
                ], schema: "DivergenceList")
        case .retryGuidance:
            APIRoute(
                path: self, operationID: "getRetryGuidance",
                summary: "Every status's and OAuth error's retry guidance, with the sentence it rests on: one policy for a client library",
                query: [], schema: "RetryGuidanceList")
        case .health:
            APIRoute(path: self, operationID: "health", summary: "Database reachable, schema version", query: [], schema: "Health")
        case .metrics:
            APIRoute(
                path: self, operationID: "metrics", summary: "Prometheus metrics: requests by route and status, latency", query: [],
                schema: "Metrics", contentType: "text/plain; version=0.0.4")
        case .openAPI:
            APIRoute(path: self, operationID: "openapi", summary: "This API's OpenAPI 3.1 description", query: [], schema: "OpenAPI")
        }
    }

    /// The path whose pattern `requestPath` fits, if any.
    init?(matching requestPath: String) {
        guard let path = Self.allCases.first(where: { $0.matches(requestPath) }) else { return nil }
        self = path
    }

    private func matches(_ requestPath: String) -> Bool {
        let pattern = rawValue.split(separator: "/")
        let actual = requestPath.split(separator: "/", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        guard pattern.count == actual.count else { return false }
        return zip(pattern, actual).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }
}

/// What one path promises.
struct APIRoute: Sendable {
    var path: APIPath
    var operationID: String
    var summary: String
    var query: [QueryParameter]
    /// The OpenAPI schema of a 200 answer.
    var schema: String
    var contentType = "application/json"

    /// `{code}` → `code`, the OpenAPI path parameters.
    var pathParameters: [String] {
        path.pattern.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }
}

/// A query parameter a route accepts. Its kind is both what the OpenAPI document promises and
/// what `QueryReader` checks, so the two cannot disagree.
struct QueryParameter: Sendable {
    enum Kind: Sendable {
        /// 1 to `maximumLength` characters (Unicode scalars, as JSON Schema counts them).
        case text(maximumLength: Int)
        /// Text with at least one character outside Unicode's White_Space set.
        case searchText
        /// Any text; blank text filters nothing, like an empty search box.
        case filterText
        case slug
        case limit
        case enumeration([String])
        /// A cursor the server issued; `pattern` is exactly the form it accepts.
        case cursor(pattern: String, maximumLength: Int)
    }
    var name: String
    var description: String
    var kind: Kind
    var required = false

    static let kind = QueryParameter(name: "kind", description: "Only codes of this kind.", kind: .enumeration(["http", "oauth", "other"]))
    static let httpClass = QueryParameter(
        name: "class", description: "Only HTTP codes of this class.", kind: .enumeration(["1xx", "2xx", "3xx", "4xx", "5xx"]))
    static let vendor = QueryParameter(name: "vendor", description: "A vendor slug.", kind: .slug)
    static let document = QueryParameter(name: "document", description: "A document's file name.", kind: .text(maximumLength: 255))
    static let limit = QueryParameter(name: "limit", description: "Page size, 1 to \(PageRequest.maximumLimit).", kind: .limit)
    static let cursor = QueryParameter(
        name: "cursor", description: "The `next` cursor of the previous page.",
        kind: .cursor(pattern: Cursor.base64URLPattern, maximumLength: Cursor.maximumTokenLength))
    static let numberCursor = QueryParameter(
        name: "cursor", description: "The `next` cursor of the previous page.", kind: .cursor(pattern: Cursor.numberPattern, maximumLength: 18))
    static let searchText = QueryParameter(
        name: "q",
        description: "Words that must all occur (matched by stem); a word ending in * matches as a prefix. Text with no letter or digit matches nothing.",
        kind: .searchText, required: true)
    static let filterText = QueryParameter(
        name: "q",
        description: "Only codes with a variant holding all these words (as in /v1/search); blank text filters nothing.",
        kind: .filterText)

    var isNumberCursor: Bool {
        if case .cursor(let pattern, _) = kind { return pattern == Cursor.numberPattern }
        return false
    }
}

extension Router {
    /// Registers `handler` for GET (and so HEAD) on one of the paths.
    @discardableResult
    func get(_ path: APIPath, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        get(RouterPath(path.pattern), use: handler)
    }
}
