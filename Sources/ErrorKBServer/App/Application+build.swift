import ErrorKBCore
import Hummingbird
import Logging
import Prometheus

/// Builds the application `errorkb-server` runs, and that tests run in process.
public func buildApplication(options: ServerOptions, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "errorkb-server")
    logger.logLevel = options.logLevel
    let repository = try await KnowledgeBasePreparation.prepare(databasePath: options.databasePath, logger: logger)
    let cache = ResponseCache(monitor: try ChangeMonitor(path: options.databasePath))
    let router = buildRouter(repository: repository, options: options, registry: PrometheusCollectorRegistry(), cache: cache)
    return Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .seconds(60))),
        configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: "errorkb"),
        logger: logger)
}

/// The routes and middleware over a repository. HEAD is answered for every GET route.
func buildRouter(
    repository: any KnowledgeBaseRepository, options: ServerOptions, registry: PrometheusCollectorRegistry,
    cache: ResponseCache? = nil
) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: RequestMetricsMiddleware(registry: registry))
    if options.cors {
        router.add(middleware: CORSMiddleware(allowOrigin: .all, allowHeaders: [.accept, .ifNoneMatch], allowMethods: [.get, .head]))
    }
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: RequestGuardMiddleware())
    if let cache { router.add(middleware: ResponseCacheMiddleware(cache: cache)) }
    CodeRoutes(repository: repository).register(on: router)
    CatalogueRoutes(repository: repository).register(on: router)
    OperationsRoutes(repository: repository, registry: registry).register(on: router)
    return router
}
