import Foundation
import Hummingbird
import Logging

/// One structured log line per request: method, path, route, status, bytes and duration.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = RequestMetrics.now
        let response = try await next(request, context)
        RequestLogLine.write(
            to: context.logger, method: request.method, path: request.uri.path, route: context.endpointPath,
            status: response.status.code, bytes: response.headers[.contentLength], nanoseconds: RequestMetrics.now - start)
        return response
    }
}

/// The request log's one line, written the same way by the router and by the connection-level
/// ``CachedAnswerHandler``.
enum RequestLogLine {
    static func write(
        to logger: Logger, method: HTTPRequest.Method, path: String, route: String?, status: Int, bytes: String?,
        nanoseconds: UInt64
    ) {
        logger.info(
            "request",
            metadata: [
                "method": "\(method)", "path": "\(path)", "route": "\(route ?? "-")", "status": "\(status)",
                "bytes": "\(bytes ?? "-")", "duration_ms": "\(String(format: "%.2f", Double(nanoseconds) / 1e6))",
            ])
    }
}
