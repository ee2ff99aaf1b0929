import ErrorKBCore
import Hummingbird
import Prometheus

/// `/healthz`, `/metrics` and `/openapi.json`: what operators and tools ask of the service.
struct OperationsRoutes<Context: RequestContext, Reading: KnowledgeBaseReading>: Sendable {
    let knowledgeBase: Reading
    let registry: PrometheusCollectorRegistry

    func register(on router: Router<Context>) {
        router.get(.health, use: health)
        router.get(.metrics, use: metrics)
        router.get(.openAPI, use: openAPI)
    }

    @Sendable func health(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryReader(request, path: .health)
        do {
            let status = try knowledgeBase.migrationStatus()
            try await knowledgeBase.checkStorage()
            let facets = try await knowledgeBase.facets(filter: CodeFilter())
            let body = HealthResponse(
                status: status.pending.isEmpty ? "ok" : "degraded", schemaVersion: status.version,
                pendingMigrations: status.pending, codes: facets.byKind.values.reduce(0, +))
            return try JSONResponse.make(body, for: request)
        } catch {
            context.logger.error("health check failed", metadata: ["error": "\(error)"])
            let reason = KnowledgeBaseError.storageMessage(for: error).map { ": \($0)" } ?? ""
            throw Problem(.serviceUnavailable, "the knowledge base cannot be read\(reason)")
        }
    }

    @Sendable func metrics(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryReader(request, path: .metrics)
        var response = JSONResponse.make(bytes: registry.emitToBuffer(), contentType: "text/plain; version=0.0.4; charset=utf-8", for: request)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func openAPI(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryReader(request, path: .openAPI)
        return JSONResponse.make(bytes: OpenAPIDocument.bytes, contentType: "application/json", for: request)
    }
}
