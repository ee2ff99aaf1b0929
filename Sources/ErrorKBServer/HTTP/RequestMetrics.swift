import Foundation
import HTTPTypes
import Metrics
import Prometheus
import Synchronization

/// Counts requests by route, method and status and times them, through swift-metrics into the
/// application's own Prometheus registry (no process-wide bootstrap, so every app and test has
/// its own figures). One instance serves the router's middleware and the connection-level
/// ``CachedAnswerHandler``, so a request is counted once whichever answers it.
final class RequestMetrics: Sendable {
    /// Where a cached answer was served from: the connection handler, or the router (a request
    /// that had to wait behind another on its connection, or one the handler leaves alone).
    enum CacheLayer: String, Sendable {
        case connection
        case router
    }

    private struct Key: Hashable {
        var route: String
        var method: HTTPRequest.Method
        var status: Int
    }

    private struct Handles: Sendable {
        var requests: Metrics.Counter
        var duration: Metrics.Timer
    }

    private let factory: PrometheusMetricsFactory
    /// Made once per route, method and status: looking them up in the registry on every
    /// request costs more than the request.
    private let handles = Mutex<[Key: Handles]>([:])
    private let cacheHits: [CacheLayer: Metrics.Counter]

    init(registry: PrometheusCollectorRegistry) {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(1000),
        ]
        self.factory = factory
        self.cacheHits = [CacheLayer.connection, .router].reduce(into: [:]) { hits, layer in
            hits[layer] = Metrics.Counter(
                label: "errorkb_response_cache_hits_total", dimensions: [("layer", layer.rawValue)], factory: factory)
        }
    }

    func record(route: String, method: HTTPRequest.Method, status: Int, nanoseconds: UInt64) {
        let key = Key(route: route, method: method, status: status)
        let metrics = handles.withLock { handles in
            if let existing = handles[key] { return existing }
            let dimensions = [("route", key.route), ("method", key.method.rawValue), ("status", String(key.status))]
            let made = Handles(
                requests: Metrics.Counter(label: "errorkb_http_requests_total", dimensions: dimensions, factory: factory),
                duration: Metrics.Timer(label: "errorkb_http_request_duration_seconds", dimensions: dimensions, factory: factory))
            handles[key] = made
            return made
        }
        metrics.requests.increment()
        metrics.duration.recordNanoseconds(Int64(clamping: nanoseconds))
    }

    func recordCacheHit(_ layer: CacheLayer) {
        cacheHits[layer]?.increment()
    }

    /// Now, in the clock the durations are measured with.
    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }
}
