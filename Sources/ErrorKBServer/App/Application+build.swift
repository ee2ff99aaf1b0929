import ErrorKBCore
import ErrorKBStore
import Hummingbird
import HummingbirdCore
import Logging
import Prometheus

/// Builds the application `errorkb-server` runs, and that tests run in process. The store is
/// opened here, once, read-only, and closed when the application stops.
public func buildApplication(options: ServerOptions, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "errorkb-server")
    logger.logLevel = options.logLevel
    let store = try await KnowledgeBasePreparation.prepare(databasePath: options.databasePath, logger: logger)
    let router = buildRouter(knowledgeBase: store, options: options, registry: PrometheusCollectorRegistry())
    let http1 = HTTP1Channel.Configuration(idleTimeout: .seconds(60))
    var app = Application(
        router: router,
        server: .framedHTTP1(configuration: http1),
        configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: "errorkb"),
        logger: logger)
    app.addServices(StoreClosing(store: store))
    return app
}

/// The routes and middleware over a knowledge base the server can only read. HEAD is answered
/// for every GET route. Every answer passes every middleware: a cached one is made by the
/// cache middleware, innermost, after the log line, the metrics, CORS and the guard.
func buildRouter(
    knowledgeBase: some KnowledgeBaseReading, options: ServerOptions, registry: PrometheusCollectorRegistry
) -> Router<BasicRequestContext> {
    let metrics = RequestMetrics(registry: registry)
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    if options.cors {
        router.add(middleware: CORSMiddleware(allowOrigin: .all, allowHeaders: [.accept, .ifNoneMatch], allowMethods: [.get, .head]))
    }
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: RequestGuardMiddleware())
    router.add(middleware: ResponseCacheMiddleware(cache: ResponseCache(knowledgeBase: knowledgeBase), metrics: metrics))
    CodeRoutes(knowledgeBase: knowledgeBase).register(on: router)
    CatalogueRoutes(knowledgeBase: knowledgeBase).register(on: router)
    OperationsRoutes(knowledgeBase: knowledgeBase, registry: registry).register(on: router)
    return router
}
