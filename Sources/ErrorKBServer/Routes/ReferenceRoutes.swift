import ErrorKBCore
import Hummingbird

/// `/v1/divergences`, `/v1/lookup` and `/v1/guidance/retry`: the answers that join the
/// registries, the specifications and the vendors' pages.
struct ReferenceRoutes<Context: RequestContext, Reading: KnowledgeBaseReading>: Sendable {
    let knowledgeBase: Reading
    let links: PublicLinks

    func register(on router: Router<Context>) {
        router.get(.divergences, use: divergences)
        router.get(.lookup, use: lookup)
        router.get(.retryGuidance, use: retryGuidance)
    }

    @Sendable func divergences(_ request: Request, context: Context) async throws -> Response {
        let query = try QueryReader(request, path: .divergences)
        let page = try await Divergence.page(
            in: knowledgeBase, vendor: query.string("vendor"), page: query.page, today: CalendarDay.today())
        var items = page.items
        if let kind = query.string("kind").flatMap(Divergence.Kind.init(rawValue:)) {
            items = items.filter { $0.kind == kind }
        }
        return try JSONResponse.make(
            DivergenceListResponse(items: items, next: page.next?.token), for: request,
            headers: NextLink.headers(for: request, next: page.next, links: links))
    }

    @Sendable func lookup(_ request: Request, context: Context) async throws -> Response {
        let query = try QueryReader(request, path: .lookup)
        let name = query.string("q") ?? ""
        // Blank text is refused by the query rules; what the lookup still finds no name in (longer
        // than any code or title) names nothing.
        let found: [CodeNameResolution]
        do {
            found = try await CodeNameLookup.resolve(name, in: knowledgeBase)
        } catch KnowledgeBaseError.invalid {
            found = []
        }
        let items = found.map { resolution in
            LookupResponse.Match(
                code: resolution.code, match: resolution.match, matchedText: resolution.matchedText,
                link: links.absolute("/v1/codes/" + resolution.code))
        }
        return try JSONResponse.make(LookupResponse(query: name, items: items), for: request)
    }

    @Sendable func retryGuidance(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryReader(request, path: .retryGuidance)
        return try JSONResponse.make(RetryGuidanceResponse(items: try await knowledgeBase.retryGuidance(code: nil)), for: request)
    }
}
