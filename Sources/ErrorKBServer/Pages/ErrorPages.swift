import ErrorKBCore
import Hummingbird

/// Shows a failure as a page to whoever asked for a page: an unknown code is a 404 page with a
/// search box and the nearest codes, a bad query value a 400 page naming the parameter.
/// `/v1`, the operations routes and `/mcp` always answer problems (`application/problem+json`).
struct ErrorPages: Sendable {
    let templates: PageTemplates
    let nearestCodes: @Sendable (String) async throws -> [CodeLink]

    init(templates: PageTemplates, knowledgeBase: some KnowledgeBaseReading) {
        self.templates = templates
        nearestCodes = { code in try await ErrorPage.nearestCodes(to: code, in: knowledgeBase) }
    }

    /// A page route, or a path no route has that a browser asked for (its `Accept` names HTML);
    /// never a 406, which says the client takes no HTML.
    func showsPage(for request: Request, status: HTTPResponse.Status) -> Bool {
        guard status != .notAcceptable else { return false }
        let path = request.uri.path
        if PagePath(matching: path) != nil { return true }
        guard !ResponseCache.keepsAnswers(forPath: path), APIPath(matching: path) == nil, path != "/mcp" else { return false }
        // A browser names HTML; a client that sends `*/*` or nothing gets the problem document.
        return request.headers[.accept]?.lowercased().contains("text/html") ?? false
    }

    func response(for problem: Problem, request: Request) async throws -> Response {
        var query = ""
        var nearest: [CodeLink] = []
        let segments = request.uri.path.split(separator: "/")
        if problem.status == .notFound, segments.first == "codes", segments.count >= 2, ErrorCode.isValid(String(segments[1])) {
            query = String(segments[1])
            nearest = try await nearestCodes(query)
        }
        let page = ErrorPage(status: problem.status.code, reason: problem.status.reasonPhrase, detail: problem.detail, query: query, nearest: nearest)
        return HTMLResponse.error(bytes: try templates.render("error", page), status: problem.status, headers: problem.headers)
    }
}
