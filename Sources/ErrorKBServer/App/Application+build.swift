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
    logger.handler = OneLineLogHandler(wrapping: logger.handler)
    logger.logLevel = options.logLevel
    let store = try await KnowledgeBasePreparation.prepare(databasePath: options.databasePath, logger: logger)
    let registry = PrometheusCollectorRegistry()
    let metrics = RequestMetrics(registry: registry)
    let cache = ResponseCache(knowledgeBase: store)
    let stages = RouterStage.stages(for: options)
    let mcp = options.mcp ? MCPRoutes<BasicRequestContext>(options: options, knowledgeBase: store) : nil
    let router = buildRouter(
        knowledgeBase: store, stages: stages, registry: registry, pages: try PageTemplates(), metrics: metrics, cache: cache, mcp: mcp,
        links: PublicLinks(publicURL: options.publicURL))
    let serverName = "errorkb"
    let reads = CachedReads(cache: cache, stages: stages, metrics: metrics, logger: logger, serverName: serverName)
    let http1 = HTTP1Channel.Configuration(idleTimeout: .seconds(60))
    var app = Application(
        router: router,
        server: .http1(configuration: http1, reads: reads, links: PublicLinks(publicURL: options.publicURL)),
        configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: serverName),
        logger: logger)
    app.addServices(StoreClosing(store: store))
    return app
}

/// The routes and their middleware (``RouterStage``) over a knowledge base the server can only
/// read: the JSON API, the HTML pages, and the operations routes. HEAD is answered for every
/// GET route.
func buildRouter(
    knowledgeBase: some KnowledgeBaseReading, stages: [RouterStage], registry: PrometheusCollectorRegistry, pages: PageTemplates,
    metrics: RequestMetrics? = nil, cache: ResponseCache? = nil, mcp: MCPRoutes<BasicRequestContext>? = nil,
    links: PublicLinks = PublicLinks()
) -> Router<BasicRequestContext> {
    let metrics = metrics ?? RequestMetrics(registry: registry)
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    let errorPages = ErrorPages(templates: pages, knowledgeBase: knowledgeBase)
    for stage in stages { stage.add(to: router, metrics: metrics, cache: cache, errorPages: errorPages, links: links) }
    PageRoutes(knowledgeBase: knowledgeBase, templates: pages).register(on: router)
    CodeRoutes(knowledgeBase: knowledgeBase, links: links).register(on: router)
    ReferenceRoutes(knowledgeBase: knowledgeBase, links: links).register(on: router)
    CatalogueRoutes(knowledgeBase: knowledgeBase).register(on: router)
    OperationsRoutes(knowledgeBase: knowledgeBase, registry: registry).register(on: router)
    mcp?.register(on: router)
    return router
}
