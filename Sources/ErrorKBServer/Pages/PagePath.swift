import Hummingbird

/// Every HTML page the server answers, each defined once, like ``APIPath``: the router registers
/// these, each handler reads its query rules from here, and the request guard and the error
/// pages recognise a page request by them.
enum PagePath: String, CaseIterable, Sendable {
    case home = "/"
    case code = "/codes/{code}"
    case codeHistory = "/codes/{code}/history"
    case search = "/search"
    case vendor = "/vendors/{slug}"
    case document = "/documents/{id}"
    case stylesheet = "/style.css"

    var pattern: String { rawValue }

    /// The query parameters the page takes: the same rules as its `/v1` twin's.
    var query: [QueryParameter] {
        switch self {
        case .home, .vendor, .stylesheet: []
        case .code: APIPath.code.route.query
        case .codeHistory: APIPath.codeHistory.route.query
        case .search: APIPath.search.route.query.map { parameter in
            // An empty search box shows the box, not an error: the page asks for words.
            guard parameter.name == "q" else { return parameter }
            var optional = parameter
            optional.required = false
            optional.kind = .filterText
            return optional
        }
        case .document: [QueryParameter(name: "lines", description: "Lines to highlight: `12` or `12-14`.", kind: .text(maximumLength: 40))]
        }
    }

    var contentType: String {
        self == .stylesheet ? "text/css; charset=utf-8" : "text/html; charset=utf-8"
    }

    /// The path whose pattern `requestPath` fits, if any.
    init?(matching requestPath: some StringProtocol) {
        let actual = requestPath.split(separator: "/")
        guard let path = Self.allCases.first(where: { path in
            let pattern = path.rawValue.split(separator: "/")
            return pattern.count == actual.count && zip(pattern, actual).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }) else { return nil }
        self = path
    }
}

extension Router {
    /// Registers `handler` for GET (and so HEAD) on one of the pages.
    @discardableResult
    func get(page path: PagePath, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        get(RouterPath(path.pattern), use: handler)
    }
}
