import ErrorKBCore
import Foundation
import Hummingbird
import Synchronization

/// Answers repeated GETs from memory, never stale: every request first asks the knowledge
/// base's change version whether anyone committed since, and a change empties the cache. Only 200
/// answers of the knowledge-base routes are kept; the whole cache is dropped when it would pass
/// its byte budget, which keeps memory bounded whatever URIs clients invent.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        var body: ByteBuffer
        var headers: HTTPFields
        /// The route that made it, for the metrics and log lines of the requests it answers.
        var route: String

        /// What keeping the entry under `key` costs in memory, not only its bytes: the body's
        /// whole allocation, every header field's name, value and storage, the key, and the
        /// entry's slot. Counting body and key alone (29 bytes for an empty search) let 500,000
        /// distinct searches take the server from 40 to 517 MB under a 16 MiB budget.
        func footprint(key: String) -> Int {
            let fields = headers.reduce(0) { total, field in
                total + field.name.rawName.utf8.count + field.value.utf8.count + Self.fieldOverhead
            }
            return body.capacity + fields + key.utf8.count + route.utf8.count + Self.entryOverhead
        }

        /// Measured with `Benchmarks/cache_memory.sh`: the RSS growth per cached empty search,
        /// less what the counted bytes explain, rounded up.
        static let entryOverhead = 512
        static let fieldOverhead = 64
    }

    private struct State {
        var version: Int64 = .min
        /// The UTC day the answers were computed on: a code's answer says whether a temporary
        /// registration has expired, which changes at midnight with nothing written.
        var day: Int64 = .min
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    static let byteBudget = 16 * 1024 * 1024
    private let changeVersion: @Sendable () throws -> Int64
    private let state = Mutex(State())

    init(knowledgeBase: some KnowledgeBaseReading) {
        changeVersion = { try knowledgeBase.changeVersion() }
    }

    /// Whether answers for `path` (the target without its query) are kept: the knowledge-base
    /// routes, the pages (``PagePath``) and the OpenAPI document. The router's middleware and
    /// the connection ask alike, on every request, so these are prefix checks, not route matching.
    static func keepsAnswers(forPath path: some StringProtocol) -> Bool {
        path.hasPrefix("/v1/") || path == "/openapi.json" || path == "/" || path.hasPrefix("/codes/") || path == "/search"
            || path.hasPrefix("/vendors/") || path.hasPrefix("/documents/") || path == "/style.css"
    }

    /// The cached answer for `key`, after dropping everything if the database changed, and
    /// the database version it was looked up at.
    func lookup(_ key: String) throws -> (entry: Entry?, version: Int64) {
        let version = try changeVersion()
        let day = Int64(Date().timeIntervalSince1970 / 86_400)
        let entry = state.withLock { state -> Entry? in
            if state.version != version || state.day != day {
                state = State(version: version, day: day)
                return nil
            }
            return state.entries[key]
        }
        return (entry, version)
    }

    /// How many answers are kept, and what they cost by ``Entry/footprint(key:)``.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }

    /// Keeps an answer computed while the database was at `version`.
    func store(_ entry: Entry, for key: String, version: Int64) {
        state.withLock { state in
            guard state.version == version else { return }
            var entry = entry
            // Kept near its size: a collected body's buffer has room to grow it never uses (a
            // copy's capacity is the size rounded up to a power of two).
            if entry.body.capacity >= 2 * entry.body.readableBytes {
                entry.body = ByteBuffer(bytes: entry.body.readableBytesView)
            }
            let size = entry.footprint(key: key)
            if state.bytes + size > Self.byteBudget { state = State(version: version, day: state.day) }
            state.bytes -= state.entries[key]?.footprint(key: key) ?? 0
            state.entries[key] = entry
            state.bytes += size
        }
    }
}

/// Serves `/v1/*` and `/openapi.json` GET and HEAD answers from the ``ResponseCache``.
struct ResponseCacheMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: ResponseCache
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get || request.method == .head, ResponseCache.keepsAnswers(forPath: path) else {
            return try await next(request, context)
        }
        let key = request.uri.string
        // The version is read before the answer is computed, so an answer is filed at worst under
        // a version that a newer commit has already replaced, and so is never served.
        let (cached, version) = try cache.lookup(key)
        if let cached {
            metrics.recordCacheHit(.router)
            return JSONResponse.respond(body: cached.body, headers: cached.headers, for: request)
        }
        var response = try await next(request, context)
        guard response.status == .ok, request.method == .get else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector.writer)
        response.body = .init(byteBuffer: collector.buffer)
        let entry = ResponseCache.Entry(body: collector.buffer, headers: response.headers, route: context.endpointPath ?? "unmatched")
        cache.store(entry, for: key, version: version)
        return response
    }
}

/// Gathers a response body into one buffer, so it can be kept and sent again.
private final class BodyCollector: @unchecked Sendable {
    // @unchecked: written only by the one `write` call that the middleware awaits.
    var buffer = ByteBuffer()

    struct Writer: ResponseBodyWriter {
        let collector: BodyCollector

        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            collector.buffer.writeBuffer(&buffer)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    var writer: Writer { Writer(collector: self) }
}
