import ErrorKBCore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Decides which requests the connection-level ``CachedAnswerHandler`` may answer from the
/// ``ResponseCache``, and what it answers. It answers only what the router would answer
/// the same way from the same entry: a plain GET or HEAD, no content, no `Expect` or
/// `Upgrade`, no `Connection` but `keep-alive` (the router closes after `close`), within the
/// guard's size limits, and with an `Accept` that admits the answer. Everything else goes to
/// the router unchanged, and so is every request a router stage shapes answers to
/// (``RouterStage/ConnectionAnswers/declines(_:)``: with CORS, a request with an `Origin`).
struct CachedReads: Sendable {
    let cache: ResponseCache
    let metrics: RequestMetrics
    let logger: Logger
    let serverName: String
    let date = HTTPDate()
    /// The requests the router's stages want for themselves.
    private let declined: [@Sendable (HTTPRequest) -> Bool]

    init(cache: ResponseCache, stages: [RouterStage], metrics: RequestMetrics, logger: Logger, serverName: String) {
        self.cache = cache
        self.metrics = metrics
        self.logger = logger
        self.serverName = serverName
        declined = stages.compactMap { stage in
            guard case .declines(let requests) = stage.onConnectionAnswers else { return nil }
            return requests
        }
    }

    /// An answer to write, with what its metrics and log line need.
    struct Answer {
        var head: HTTPResponse
        var body: ByteBuffer?
        var method: HTTPRequest.Method
        var target: String
        var route: String
        var started: UInt64
    }

    private static let declinedFields: [HTTPField.Name] = [
        .contentLength, .transferEncoding, .expect, .upgrade,
    ] + [HTTP1FramingRules.violationFieldName].compactMap { $0 }

    func answer(to request: HTTPRequest) -> Answer? {
        let started = RequestMetrics.now
        guard request.method == .get || request.method == .head, let target = request.path,
            target.utf8.count <= RequestRules.maximumURIBytes,
            ResponseCache.keepsAnswers(forPath: target.prefix { $0 != "?" })
        else { return nil }
        // One pass over the fields: HTTPFields' subscript walks them all and joins repeats.
        var accept: String?
        var ifNoneMatch: String?
        var headerBytes = 0
        for field in request.headerFields {
            switch field.name {
            case .accept where accept == nil: accept = field.value
            case .ifNoneMatch where ifNoneMatch == nil: ifNoneMatch = field.value
            case .accept, .ifNoneMatch: return nil  // repeated: leave the joining to the router
            case .connection where field.value.lowercased() != "keep-alive": return nil
            case let name where Self.declinedFields.contains(name): return nil
            default: break
            }
            headerBytes += RequestRules.fieldBytes(field)
        }
        guard headerBytes <= RequestRules.maximumHeaderBytes, !declined.contains(where: { $0(request) }),
            let entry = try? cache.lookup(target).entry
        else { return nil }
        if let accept {
            guard let contentType = entry.headers[.contentType], RequestRules.accepts(accept, contentType) else { return nil }
        }
        let answer = JSONResponse.conditionalAnswer(
            body: entry.body, headers: entry.headers, method: request.method, ifNoneMatch: ifNoneMatch)
        var headers = answer.headers
        headers[.date] = date.now
        headers[.server] = serverName
        return Answer(
            head: HTTPResponse(status: answer.status, headerFields: headers), body: answer.body, method: request.method, target: target,
            route: entry.route, started: started)
    }

    /// Counts and logs an answer once it is written, as the router's middleware would.
    func answered(_ answer: Answer) {
        let elapsed = RequestMetrics.now - answer.started
        metrics.recordCacheHit(.connection)
        metrics.record(route: answer.route, method: answer.method, status: answer.head.status.code, nanoseconds: elapsed)
        guard logger.logLevel <= .info else { return }
        let path = String(answer.target.prefix { $0 != "?" })
        // The same request id field as the router's lines carry.
        var logger = logger
        logger[metadataKey: "hb.request.id"] = .stringConvertible(RequestID())
        RequestLogLine.write(
            to: logger, method: answer.method, path: path, route: answer.route, status: answer.head.status.code,
            bytes: answer.head.headerFields[.contentLength] ?? (answer.head.status == .notModified ? "0" : nil),
            nanoseconds: elapsed)
    }
}
