import Foundation
import Synchronization

/// The requests read but not yet answered. At the end of input a stdio server must still
/// answer what it was asked (a client may write its requests and close the pipe at once),
/// but the SDK's server answers each request in a task of its own that nothing waits for:
/// the transport waits here, until the ledger is empty, before it ends the message stream.
final class RequestLedger: Sendable {
    private struct State {
        var open: [String: Int] = [:]
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    /// Notes the requests in one incoming message (an object, or a batch of them).
    func opened(_ message: Data) {
        let ids = Self.ids(in: message) { $0["method"] != nil }
        guard !ids.isEmpty else { return }
        state.withLock { state in for id in ids { state.open[id, default: 0] += 1 } }
    }

    /// Notes the responses in one outgoing message.
    func answered(_ message: Data) {
        let ids = Self.ids(in: message) { $0["method"] == nil }
        guard !ids.isEmpty else { return }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            for id in ids {
                if let count = state.open[id], count > 1 { state.open[id] = count - 1 } else { state.open[id] = nil }
            }
            guard state.open.isEmpty else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once every request read has been answered.
    func drained() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                guard !state.open.isEmpty else { return true }
                state.waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// The JSON-RPC ids of the messages `include` picks: `5` and `"5"` are different ids.
    private static func ids(in message: Data, where include: ([String: Any]) -> Bool) -> [String] {
        let objects: [[String: Any]]
        switch try? JSONSerialization.jsonObject(with: message) {
        case let object as [String: Any]: objects = [object]
        case let batch as [Any]: objects = batch.compactMap { $0 as? [String: Any] }
        default: return []
        }
        return objects.filter(include).compactMap { object in
            switch object["id"] {
            case let text as String: "s:" + text
            case let number as NSNumber: "n:" + number.stringValue
            default: nil
            }
        }
    }
}
