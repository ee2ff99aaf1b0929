import Hummingbird

/// Feeds ``RequestMetrics`` with every request the router answers.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = RequestMetrics.now
        let response = try await next(request, context)
        metrics.record(
            route: context.endpointPath ?? "unmatched", method: request.method, status: response.status.code,
            nanoseconds: RequestMetrics.now - start)
        return response
    }
}
