import Foundation
import Hummingbird
import Logging

/// One structured log line per request: method, path, route, status, bytes and duration.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = RequestMetrics.now
        let response = try await next(request, context)
        let nanoseconds = RequestMetrics.now - start
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "route": "\(context.endpointPath ?? "-")",
                "status": "\(response.status.code)", "bytes": "\(response.headers[.contentLength] ?? "-")",
                "duration_ms": "\(String(format: "%.2f", Double(nanoseconds) / 1e6))",
            ])
        return response
    }
}
