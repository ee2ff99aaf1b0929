import ErrorKBStore
import ServiceLifecycle

/// Closes the server's store once the application shuts down gracefully. A service of the
/// application's group, added before the server, so the group stops the server first and no
/// request reads a closed store.
struct StoreClosing: Service {
    let store: KnowledgeBaseStore

    func run() async throws {
        // Throws only when cancelled, which ends the group too: the store is closed either way.
        try? await gracefulShutdown()
        try store.close()
    }
}
