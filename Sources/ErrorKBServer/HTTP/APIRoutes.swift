import ErrorKBCore

/// Every route the server answers, in one place: the router, the 405 check and the OpenAPI
/// document are all built from this list, so none can forget a route.
struct APIRoute: Sendable {
    /// Hummingbird's pattern: `/v1/codes/{code}`.
    var path: String
    var operationID: String
    var summary: String
    var query: [QueryParameter]
    /// The OpenAPI schema of a 200 answer.
    var schema: String
    var contentType = "application/json"

    /// `{code}` → `code`, the OpenAPI path parameters.
    var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    func matches(_ requestPath: String) -> Bool {
        let pattern = path.split(separator: "/")
        let actual = requestPath.split(separator: "/", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        guard pattern.count == actual.count else { return false }
        return zip(pattern, actual).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
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

enum APIRoutes {
    static let all: [APIRoute] = [
        APIRoute(
            path: "/v1/codes", operationID: "listCodes", summary: "List codes, filtered, with facet counts",
            query: [.kind, .httpClass, .vendor, .document, .filterText, .limit, .cursor], schema: "CodeList"),
        APIRoute(
            path: "/v1/codes/{code}", operationID: "getCode",
            summary: "A code with every vendor's variant, causes, fixes and provenance",
            query: [QueryParameter(name: "vendor", description: "Only this vendor's variants.", kind: .slug)], schema: "Code"),
        APIRoute(
            path: "/v1/codes/{code}/history", operationID: "getCodeHistory", summary: "Revisions that touched a code",
            query: [.limit, .numberCursor], schema: "RevisionList"),
        APIRoute(path: "/v1/vendors", operationID: "listVendors", summary: "Every vendor with its counts", query: [], schema: "VendorList"),
        APIRoute(
            path: "/v1/vendors/{slug}", operationID: "getVendor", summary: "A vendor with its documents and counts", query: [],
            schema: "VendorDetail"),
        APIRoute(
            path: "/v1/documents", operationID: "listDocuments", summary: "Imported documents",
            query: [QueryParameter(name: "vendor", description: "Only this vendor's documents.", kind: .slug)], schema: "DocumentList"),
        APIRoute(path: "/v1/documents/{id}", operationID: "getDocument", summary: "One imported document", query: [], schema: "Document"),
        APIRoute(
            path: "/v1/search", operationID: "search", summary: "Variants matching words, best first, with highlighted snippets",
            query: [.searchText, .kind, .httpClass, .vendor, .document, .limit, .numberCursor],
            schema: "SearchResults"),
        APIRoute(path: "/healthz", operationID: "health", summary: "Database reachable, schema version", query: [], schema: "Health"),
        APIRoute(
            path: "/metrics", operationID: "metrics", summary: "Prometheus metrics: requests by route and status, latency", query: [],
            schema: "Metrics", contentType: "text/plain; version=0.0.4"),
        APIRoute(path: "/openapi.json", operationID: "openapi", summary: "This API's OpenAPI 3.1 description", query: [], schema: "OpenAPI"),
    ]

    /// The route registered under `pattern`; a route with no query parameters if there is
    /// none, so a handler never accepts what the description does not list.
    static func named(_ pattern: String) -> APIRoute {
        all.first { $0.path == pattern }
            ?? APIRoute(path: pattern, operationID: "", summary: "", query: [], schema: "")
    }
}
