import ErrorKBCore
import Synchronization

/// A store's ``ChangeMonitor``: made at opening for a reading store, which a server asks on
/// every request, or on the first ask for a writing one, which seldom asks (a CLI command
/// need not open the extra connections).
final class ChangeWatch: Sendable {
    private enum Source: Sendable {
        case ready(ChangeMonitor)
        case madeWhenFirstAsked(path: String)
    }

    private let source: Source
    private let made = Mutex<ChangeMonitor?>(nil)
    private let closed = Atomic<Bool>(false)

    init(_ monitor: ChangeMonitor) {
        source = .ready(monitor)
    }

    init(madeWhenFirstAsked path: String) {
        source = .madeWhenFirstAsked(path: path)
    }

    func monitor() throws -> ChangeMonitor {
        guard !closed.load(ordering: .acquiring) else {
            throw KnowledgeBaseError.storage("the knowledge base is closed")
        }
        switch source {
        case .ready(let monitor):
            return monitor
        case .madeWhenFirstAsked(let path):
            return try made.withLock { made in
                if let made { return made }
                let monitor = try ChangeMonitor(path: path)
                made = monitor
                return monitor
            }
        }
    }

    /// Lets go of a monitor made on demand, closing its connections; a ready one closes with
    /// the store.
    func close() {
        closed.store(true, ordering: .releasing)
        made.withLock { $0 = nil }
    }
}
