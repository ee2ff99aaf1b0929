import ErrorKBCore
import Hummingbird

/// The HTML pages, on the same read interface as `/v1` and, through the router's response
/// cache, the same never-stale cache. A failure is thrown as a ``Problem``, which
/// ``PageErrorMiddleware`` shows as an error page.
struct PageRoutes<Context: RequestContext, Reading: KnowledgeBaseReading>: Sendable {
    let knowledgeBase: Reading
    let templates: PageTemplates

    func register(on router: Router<Context>) {
        router.get(page: .home, use: home)
        router.get(page: .code, use: code)
        router.get(page: .codeHistory, use: history)
        router.get(page: .search, use: search)
        router.get(page: .vendor, use: vendor)
        router.get(page: .document, use: document)
        router.get(page: .stylesheet, use: stylesheet)
    }

    @Sendable func home(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryReader(request, page: .home)
        return try render("home", try await HomePage.load(from: knowledgeBase), for: request)
    }

    @Sendable func code(_ request: Request, context: Context) async throws -> Response {
        let code = try CodeParameter.read(context)
        let query = try QueryReader(request, page: .code)
        guard let all = try await knowledgeBase.code(code, vendor: nil) else {
            throw Problem(.notFound, "the knowledge base has no code '\(code)'")
        }
        var entry = all
        var reference = try await CodeReference.of(all, in: knowledgeBase, today: CalendarDay.today())
        if let vendor = query.string("vendor") {
            entry.variants = all.variants.filter { $0.vendor == vendor }
            if entry.variants.isEmpty { throw Problem(.notFound, "vendor '\(vendor)' documents no variant of '\(code)'") }
            reference.divergences = reference.divergences.filter { $0.vendor == vendor }
        }
        return try render(
            "code", CodePage(entry: entry, all: all, vendor: query.string("vendor"), reference: reference), for: request)
    }

    @Sendable func history(_ request: Request, context: Context) async throws -> Response {
        let code = try CodeParameter.read(context)
        let query = try QueryReader(request, page: .codeHistory)
        guard try await knowledgeBase.code(code, vendor: nil) != nil else {
            throw Problem(.notFound, "the knowledge base has no code '\(code)'")
        }
        let page = try await knowledgeBase.revisions(code: code, page: query.page)
        return try render("history", HistoryPage(code: code, page: page, limit: query.string("limit").flatMap { Int($0) }), for: request)
    }

    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let query = try QueryReader(request, page: .search)
        var filter = query.filter
        filter.text = nil
        let parameters = SearchPage.Parameters(
            q: query.string("q") ?? "", filter: filter, limit: query.string("limit").flatMap { Int($0) },
            offset: query.page.cursor.flatMap { Int($0.after) } ?? 0)
        return try render("search", try await SearchPage.load(parameters, page: query.page, from: knowledgeBase), for: request)
    }

    @Sendable func vendor(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryReader(request, page: .vendor)
        let slug = try VendorParameter.read(context)
        guard let summary = try await knowledgeBase.vendor(slug) else {
            throw Problem(.notFound, "the knowledge base has no vendor '\(slug)'")
        }
        return try render("vendor", try await VendorPage.load(summary, from: knowledgeBase), for: request)
    }

    @Sendable func document(_ request: Request, context: Context) async throws -> Response {
        let query = try QueryReader(request, page: .document)
        let id = try DocumentParameter.read(context)
        guard let document = try await knowledgeBase.document(id: id) else {
            throw Problem(.notFound, "the knowledge base has no document \(id)")
        }
        let highlight = try DocumentPage.lineRange(query.string("lines"), lineCount: document.lineCount)
        return try render("document", try await DocumentPage.load(document, highlight: highlight, from: knowledgeBase), for: request)
    }

    @Sendable func stylesheet(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryReader(request, page: .stylesheet)
        return HTMLResponse.make(bytes: templates.stylesheet, contentType: PagePath.stylesheet.contentType, for: request)
    }

    private func render(_ template: String, _ model: Any, for request: Request) throws -> Response {
        HTMLResponse.make(bytes: try templates.render(template, model), contentType: PagePath.home.contentType, for: request)
    }
}
