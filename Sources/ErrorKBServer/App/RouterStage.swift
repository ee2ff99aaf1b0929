import HTTPTypes
import Hummingbird
import Prometheus

/// The router's middleware, outermost first, and the one seam between them and the answers
/// given on the connection (``CachedAnswerHandler``, before the router). The router is built
/// from this list and ``CachedReads`` reads the same list, so a middleware added later cannot
/// be bypassed by a cached answer unnoticed: adding a case means saying, in
/// ``onConnectionAnswers``, how it holds there, and the compiler asks.
enum RouterStage: CaseIterable, Sendable {
    case requestLog
    case requestMetrics
    case cors
    case problems
    case requestGuard
    case canonicalPath
    case responseCache

    /// How a stage holds for an answer given on the connection.
    enum ConnectionAnswers: Sendable {
        /// The connection runs the same code on its answers (``RequestLogLine``,
        /// ``RequestMetrics``, ``RequestRules``, the ``ResponseCache`` and its conditional answer).
        case sharedCode
        /// It only shapes answers the connection never gives (failures).
        case neverApplies
        /// It shapes answers to these requests, which the connection leaves to the router.
        case declines(@Sendable (HTTPRequest) -> Bool)
    }

    var onConnectionAnswers: ConnectionAnswers {
        switch self {
        case .requestLog, .requestMetrics, .requestGuard, .responseCache: .sharedCode
        case .problems: .neverApplies
        // CORS adds its headers only to requests that carry an `Origin` (a browser's
        // cross-origin requests); the router answers those.
        case .cors: .declines { $0.headerFields[.origin] != nil }
        // Another spelling of a path is never cached, but is the router's to redirect all the same.
        case .canonicalPath:
            .declines { request in
                guard let target = request.path, CanonicalPath.mayDiffer(target) else { return false }
                return CanonicalPath.redirect(for: String(target.prefix { $0 != "?" })) != nil
            }
        }
    }

    /// The stages a server with `options` runs, in order.
    static func stages(for options: ServerOptions) -> [RouterStage] {
        allCases.filter { $0 != .cors || options.cors }
    }

    func add(
        to router: Router<BasicRequestContext>, metrics: RequestMetrics, cache: ResponseCache?, errorPages: ErrorPages?,
        links: PublicLinks = PublicLinks()
    ) {
        switch self {
        case .requestLog: router.add(middleware: RequestLogMiddleware())
        case .requestMetrics: router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        case .cors:
            router.add(middleware: CORSMiddleware(allowOrigin: .all, allowHeaders: [.accept, .ifNoneMatch], allowMethods: [.get, .head]))
        case .problems: router.add(middleware: ProblemMiddleware(pages: errorPages, links: links))
        case .requestGuard: router.add(middleware: RequestGuardMiddleware())
        case .canonicalPath: router.add(middleware: CanonicalPathMiddleware(links: links))
        case .responseCache: if let cache { router.add(middleware: ResponseCacheMiddleware(cache: cache, metrics: metrics)) }
        }
    }
}
