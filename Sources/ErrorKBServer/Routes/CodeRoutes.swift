import ErrorKBCore
import Hummingbird

/// `/v1/codes`, `/v1/codes/{code}`, `/v1/codes/{code}/history` and `/v1/search`.
struct CodeRoutes<Context: RequestContext, Reading: KnowledgeBaseReading>: Sendable {
    let knowledgeBase: Reading
    var links = PublicLinks()

    func register(on router: Router<Context>) {
        router.get(.codes, use: list)
        router.get(.code, use: show)
        router.get(.codeHistory, use: history)
        router.get(.search, use: search)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let query = try QueryReader(request, path: .codes)
        let filter = query.filter
        let page = try await knowledgeBase.codes(filter: filter, page: query.page)
        let facets = try await knowledgeBase.facets(filter: filter)
        return try JSONResponse.make(
            CodeListResponse(items: page.items, next: page.next?.token, facets: facets), for: request,
            headers: NextLink.headers(for: request, next: page.next, links: links))
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let code = try CodeParameter.read(context)
        let query = try QueryReader(request, path: .code)
        let vendor = query.string("vendor")
        guard let answer = try await CodeAnswer.read(code, vendor: vendor, in: knowledgeBase, today: CalendarDay.today()) else {
            throw Problem(.notFound, "the knowledge base has no code '\(code)'")
        }
        if let vendor, answer.variants.isEmpty {
            throw Problem(.notFound, "vendor '\(vendor)' documents no variant of '\(code)'")
        }
        return try JSONResponse.make(answer, for: request)
    }

    @Sendable func history(_ request: Request, context: Context) async throws -> Response {
        let code = try CodeParameter.read(context)
        let query = try QueryReader(request, path: .codeHistory)
        guard try await knowledgeBase.code(code, vendor: nil) != nil else {
            throw Problem(.notFound, "the knowledge base has no code '\(code)'")
        }
        let page = try await knowledgeBase.revisions(code: code, page: query.page)
        return try JSONResponse.make(
            RevisionListResponse(items: page.items.map(RevisionResponse.init), next: page.next?.token), for: request,
            headers: NextLink.headers(for: request, next: page.next, links: links))
    }

    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let query = try QueryReader(request, path: .search)
        var filter = query.filter
        let text = filter.text ?? ""
        filter.text = nil
        let page = try await knowledgeBase.search(text, filter: filter, page: query.page, highlight: .html)
        return try JSONResponse.make(
            SearchResponse(items: page.items, next: page.next?.token), for: request,
            headers: NextLink.headers(for: request, next: page.next, links: links))
    }
}

/// The `{code}` path segment: an HTTP status or a string code, nothing else.
enum CodeParameter {
    static func read(_ context: some RequestContext) throws -> String {
        guard let segment = context.parameters.get("code"), case let code = ErrorCode.fromPathSegment(segment), ErrorCode.isValid(code) else {
            throw Problem(
                .badRequest, "parameter 'code' must be an HTTP status or a code of letters, digits, '_', '-' and '.', in words apart by single spaces (%20)")
        }
        return code
    }
}

/// `Link: <...&cursor=X>; rel="next"`, as RFC 8288 has it.
///
/// The link is written, not pasted: every name and value of the request's query is decoded
/// and encoded again, only RFC 3986's unreserved characters left as they are, and the path
/// is the route's. A raw query pasted between `<` and `>` let `document=a>,<https:evil>;
/// rel=preload` add a link of its own to the header.
enum NextLink {
    static func headers(for request: Request, next: Cursor?, links: PublicLinks) -> HTTPFields {
        guard let next, let link = HTTPFields.Element.Name("Link") else { return [:] }
        var parts = request.uri.queryParameters.compactMap { name, value -> String? in
            guard name != "cursor", !(name.isEmpty && value.isEmpty) else { return nil }
            return PageLinks.encode(String(name)) + "=" + PageLinks.encode(String(value))
        }
        parts.append("cursor=\(PageLinks.encode(next.token))")
        let path = request.uri.path.split(separator: "/").map { PageLinks.encode($0.removingPercentEncoding ?? String($0)) }
            .joined(separator: "/")
        var headers = HTTPFields()
        headers[link] = "<\(links.absolute("/" + path))?\(parts.joined(separator: "&"))>; rel=\"next\""
        return headers
    }
}
