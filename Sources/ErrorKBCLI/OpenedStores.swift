import ErrorKBStore
import Synchronization

/// The stores one run of `errorkb` opened, closed by ``ErrorKBMain`` when the command returns,
/// whether it succeeded or threw: closing waits for the store's last checkpoint, which a
/// process that exits at once would leave, with the log, to whoever opens the file next.
final class OpenedStores: Sendable {
    /// The run under way; nil for a command run on its own (a test), whose stores then close
    /// when released.
    @TaskLocal static var current: OpenedStores?

    private let stores = Mutex<[KnowledgeBaseStore]>([])

    func keep(_ store: KnowledgeBaseStore) -> KnowledgeBaseStore {
        stores.withLock { $0.append(store) }
        return store
    }

    /// Closes every store kept, in the order opened. A store that fails to close has still
    /// committed everything the command wrote, so the failure changes nothing and is dropped.
    func closeAll() {
        for store in stores.withLock({ $0 }) { try? store.close() }
        stores.withLock { $0.removeAll() }
    }
}
