import ErrorKBCore

/// What search text must hold: at least one letter or digit (the server also takes words in any
/// script; the description keeps to what every client can check).
enum SearchText {
    static let pattern = "[A-Za-z0-9]"
}

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

/// A query parameter a route accepts.
struct QueryParameter: Sendable {
    enum Kind: Sendable {
        case string, integer, enumeration([String])
        /// A string the server reads whole: `pattern` is exactly what it accepts.
        case pattern(String)
    }
    var name: String
    var description: String
    var kind: Kind = .string
    var required = false

    static let kind = QueryParameter(name: "kind", description: "Only codes of this kind.", kind: .enumeration(["http", "oauth", "other"]))
    static let httpClass = QueryParameter(
        name: "class", description: "Only HTTP codes of this class.", kind: .enumeration(["1xx", "2xx", "3xx", "4xx", "5xx"]))
    static let vendor = QueryParameter(name: "vendor", description: "A vendor slug.")
    static let document = QueryParameter(name: "document", description: "A document's file name.")
    static let limit = QueryParameter(name: "limit", description: "Page size, 1 to 500.", kind: .integer)
    static let cursor = QueryParameter(
        name: "cursor", description: "The `next` cursor of the previous page.", kind: .pattern(Cursor.base64URLPattern))
    static let numberCursor = QueryParameter(
        name: "cursor", description: "The `next` cursor of the previous page.", kind: .pattern(Cursor.numberPattern))
    static let text = QueryParameter(
        name: "q", description: "Words that must all occur (matched by stem); a word ending in * matches as a prefix.",
        kind: .pattern(SearchText.pattern))

    var isNumberCursor: Bool {
        if case .pattern(let pattern) = kind { return pattern == Cursor.numberPattern }
        return false
    }
}

enum APIRoutes {
    static let all: [APIRoute] = [
        APIRoute(
            path: "/v1/codes", operationID: "listCodes", summary: "List codes, filtered, with facet counts",
            query: [.kind, .httpClass, .vendor, .document, .text, .limit, .cursor], schema: "CodeList"),
        APIRoute(
            path: "/v1/codes/{code}", operationID: "getCode",
            summary: "A code with every vendor's variant, causes, fixes and provenance",
            query: [QueryParameter(name: "vendor", description: "Only this vendor's variants.")], schema: "Code"),
        APIRoute(
            path: "/v1/codes/{code}/history", operationID: "getCodeHistory", summary: "Revisions that touched a code",
            query: [.limit, .numberCursor], schema: "RevisionList"),
        APIRoute(path: "/v1/vendors", operationID: "listVendors", summary: "Every vendor with its counts", query: [], schema: "VendorList"),
        APIRoute(
            path: "/v1/vendors/{slug}", operationID: "getVendor", summary: "A vendor with its documents and counts", query: [],
            schema: "VendorDetail"),
        APIRoute(
            path: "/v1/documents", operationID: "listDocuments", summary: "Imported documents",
            query: [QueryParameter(name: "vendor", description: "Only this vendor's documents.")], schema: "DocumentList"),
        APIRoute(path: "/v1/documents/{id}", operationID: "getDocument", summary: "One imported document", query: [], schema: "Document"),
        APIRoute(
            path: "/v1/search", operationID: "search", summary: "Variants matching words, best first, with highlighted snippets",
            query: [QueryParameter(name: "q", description: QueryParameter.text.description, kind: QueryParameter.text.kind, required: true), .kind, .httpClass, .vendor, .document, .limit, .numberCursor],
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
