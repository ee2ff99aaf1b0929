import Hummingbird
import Synchronization

/// The request content held in memory at once, across every request: the only content the
/// server reads is `/mcp`'s, and each request may bring up to 1 MiB, so without a total
/// 400 clients that send all but the last bytes of a body held 560 MB (issue 27). A request
/// whose next bytes would pass the total is answered 503 at once, with `Retry-After`.
final class ContentBudget: Sendable {
    let limit: Int
    private let used = Mutex(0)

    init(limit: Int = ServerOptions.defaultContentBudgetBytes) {
        self.limit = limit
    }

    /// Bytes held now, for tests and metrics.
    var inUse: Int { used.withLock { $0 } }

    /// Runs `body` with a hold on the budget that it fills as content arrives and that is
    /// given back, whole, when `body` ends, however it ends.
    func holding<T: Sendable>(_ body: (Hold) async throws -> T) async throws -> T {
        let hold = Hold(budget: self)
        defer { release(hold.bytes) }
        return try await body(hold)
    }

    fileprivate func reserve(_ count: Int) -> Bool {
        used.withLock { used in
            guard used + count <= limit else { return false }
            used += count
            return true
        }
    }

    private func release(_ count: Int) {
        used.withLock { $0 -= count }
    }

    /// One request's share of the budget.
    final class Hold: Sendable {
        private let budget: ContentBudget
        private let held = Mutex(0)

        fileprivate init(budget: ContentBudget) {
            self.budget = budget
        }

        var bytes: Int { held.withLock { $0 } }

        /// Takes `count` more bytes, or refuses the request (503) when the total would pass.
        func take(_ count: Int) throws {
            guard budget.reserve(count) else {
                var headers = HTTPFields()
                headers[.retryAfter] = "1"
                headers[.connection] = "close"
                throw Problem(
                    .serviceUnavailable,
                    "the server holds \(budget.limit / 1_048_576) MiB of request content at most, and that is in use; retry shortly",
                    headers: headers)
            }
            held.withLock { $0 += count }
        }
    }
}
