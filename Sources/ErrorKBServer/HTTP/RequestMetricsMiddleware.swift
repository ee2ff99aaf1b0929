import Foundation
import Hummingbird
import Metrics
import Prometheus
import Synchronization

/// Counts requests by route, method and status and times them, through swift-metrics into the
/// application's own Prometheus registry (no process-wide bootstrap, so every app and test has
/// its own figures).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let factory: PrometheusMetricsFactory
    /// Made once per route, method and status: looking them up in the registry on every
    /// request costs more than the request.
    private let handles = MetricHandles()

    init(registry: PrometheusCollectorRegistry) {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(1000),
        ]
        self.factory = factory
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let key = MetricHandles.Key(route: context.endpointPath ?? "unmatched", method: request.method, status: response.status.code)
        let metrics = handles.table.withLock { handles in
            if let existing = handles[key] { return existing }
            let dimensions = [("route", key.route), ("method", key.method.rawValue), ("status", String(key.status))]
            let made = MetricHandles.Handles(
                requests: Metrics.Counter(label: "errorkb_http_requests_total", dimensions: dimensions, factory: factory),
                duration: Metrics.Timer(label: "errorkb_http_request_duration_seconds", dimensions: dimensions, factory: factory))
            handles[key] = made
            return made
        }
        metrics.requests.increment()
        metrics.duration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        return response
    }
}

private final class MetricHandles: Sendable {
    struct Key: Hashable {
        var route: String
        var method: HTTPRequest.Method
        var status: Int
    }

    struct Handles: Sendable {
        var requests: Metrics.Counter
        var duration: Metrics.Timer
    }

    let table = Mutex<[Key: Handles]>([:])
}
