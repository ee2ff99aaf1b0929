import ErrorKBCore
import Synchronization

/// A store's ``ChangeMonitor``: made at opening for a reading store, which a server asks on
/// every request, or on the first ask for a writing one, which seldom asks (a CLI command
/// need not open the extra connections).
final class ChangeWatch: Sendable {
    private let ready: ChangeMonitor?
    private let path: String?
    private let later = Mutex<ChangeMonitor?>(nil)
    private let closed = Atomic<Bool>(false)

    init(_ monitor: ChangeMonitor) {
        ready = monitor
        path = nil
    }

    init(madeWhenFirstAsked path: String) {
        ready = nil
        self.path = path
    }

    func monitor() throws -> ChangeMonitor {
        guard !closed.load(ordering: .acquiring) else {
            throw KnowledgeBaseError.storage("the knowledge base is closed")
        }
        if let ready { return ready }
        return try later.withLock { monitor in
            if let monitor { return monitor }
            let made = try ChangeMonitor(path: path ?? "")
            monitor = made
            return made
        }
    }

    /// Lets go of a monitor made on demand, closing its connections; a ready one closes with
    /// the store.
    func close() {
        closed.store(true, ordering: .releasing)
        later.withLock { $0 = nil }
    }
}
