import ErrorKBCore
import Hummingbird
import HummingbirdCore
import Logging
import Prometheus

/// Builds the application `errorkb-server` runs, and that tests run in process.
public func buildApplication(options: ServerOptions, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "errorkb-server")
    logger.logLevel = options.logLevel
    let repository = try await KnowledgeBasePreparation.prepare(databasePath: options.databasePath, logger: logger)
    let cache = ResponseCache(monitor: try ChangeMonitor(path: KnowledgeBaseDatabase.readingLocation(of: options.databasePath)))
    let registry = PrometheusCollectorRegistry()
    let metrics = RequestMetrics(registry: registry)
    let router = buildRouter(repository: repository, options: options, registry: registry, metrics: metrics, cache: cache)
    let serverName = "errorkb"
    // With --cors the CORS middleware shapes answers per request, so all of them go through it.
    let reads = options.cors ? nil : CachedReads(cache: cache, metrics: metrics, logger: logger, serverName: serverName)
    let http1 = HTTP1Channel.Configuration(idleTimeout: .seconds(60))
    return Application(
        router: router,
        server: .http1(configuration: http1, reads: reads),
        configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: serverName),
        logger: logger)
}

/// The routes and middleware over a repository. HEAD is answered for every GET route.
func buildRouter(
    repository: any KnowledgeBaseRepository, options: ServerOptions, registry: PrometheusCollectorRegistry,
    metrics: RequestMetrics? = nil, cache: ResponseCache? = nil
) -> Router<BasicRequestContext> {
    let metrics = metrics ?? RequestMetrics(registry: registry)
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    if options.cors {
        router.add(middleware: CORSMiddleware(allowOrigin: .all, allowHeaders: [.accept, .ifNoneMatch], allowMethods: [.get, .head]))
    }
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: RequestGuardMiddleware())
    if let cache { router.add(middleware: ResponseCacheMiddleware(cache: cache, metrics: metrics)) }
    CodeRoutes(repository: repository).register(on: router)
    CatalogueRoutes(repository: repository).register(on: router)
    OperationsRoutes(repository: repository, registry: registry).register(on: router)
    return router
}
