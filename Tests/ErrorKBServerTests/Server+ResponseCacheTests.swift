import ErrorKBCore
import ErrorKBStore
import ErrorKBTestSupport
import HTTPTypes
import NIOCore
import Testing

@testable import ErrorKBServer

/// The response cache's budget counts what an entry really costs, so distinct URIs cannot grow
/// it past the budget (RSS under 390,000 distinct searches: `Benchmarks/cache_memory.sh`).
@Suite("Server: the response cache's budget")
struct ResponseCacheTests {
    private static func entry(body: String) -> ResponseCache.Entry {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentLength] = String(body.utf8.count)
        headers[.eTag] = "\"0123456789abcdef01234567\""
        headers[.cacheControl] = "no-cache"
        headers[.vary] = "Accept"
        var buffer = ByteBufferAllocator().buffer(capacity: 4096)  // as a collected body may be
        buffer.writeString(body)
        return ResponseCache.Entry(body: buffer, headers: headers, route: "/v1/search")
    }

    @Test("an empty search's entry costs what it allocates, not its 29 bytes; bodies are kept near their size")
    func footprintCountsTheWholeEntry() {
        let entry = Self.entry(body: #"{"items":[]}"#)
        let key = "/v1/search?q=w123456"
        #expect(entry.footprint(key: key) >= ResponseCache.Entry.entryOverhead + 5 * ResponseCache.Entry.fieldOverhead)
        #expect(entry.footprint(key: key) >= entry.body.capacity)
    }

    @Test("200,000 distinct answers keep the cache within its byte budget, and it still answers")
    func distinctKeysStayWithinTheBudget() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let cache = ResponseCache(knowledgeBase: kb.repository)
        let version = try cache.lookup("/v1/warm-up").version
        var most = 0
        for index in 0..<200_000 {
            cache.store(Self.entry(body: #"{"items":[]}"#), for: "/v1/search?q=w\(index)", version: version)
            most = max(most, cache.usage.bytes)
        }
        #expect(most <= ResponseCache.byteBudget)
        let usage = cache.usage
        #expect(usage.entries > 0 && usage.entries <= ResponseCache.byteBudget / ResponseCache.Entry.entryOverhead)
        let last = try #require(try cache.lookup("/v1/search?q=w199999").entry)
        #expect(last.body.capacity < 2 * last.body.readableBytes)
        // Storing the same key again replaces the entry and its cost, not adds to it.
        let before = cache.usage
        cache.store(Self.entry(body: #"{"items":[]}"#), for: "/v1/search?q=w199999", version: version)
        #expect(cache.usage == before)
    }
}
