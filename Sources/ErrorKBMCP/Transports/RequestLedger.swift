import Foundation
import MCP
import Synchronization

/// The requests read but not yet answered. At the end of input a stdio server must still
/// answer what it was asked (a client may write its requests and close the pipe at once),
/// but the SDK's server answers each request in a task of its own that nothing waits for:
/// the transport waits here, until the ledger is empty, before it ends the message stream.
///
/// Only requests the SDK will answer are noted (``JSONRPCMessage`` refuses the rest before
/// it), a cancelled request is struck off (the SDK sends nothing for it), and once standard
/// output has failed nothing can be answered any more: then the ledger is abandoned. So the
/// wait always ends.
final class RequestLedger: Sendable {
    private struct State {
        var open: [JSONRPCID: Int] = [:]
        var waiters: [CheckedContinuation<Void, Never>] = []
        var abandoned = false
    }
    private let state = Mutex(State())

    /// Notes requests passed on to the SDK.
    func opened(_ ids: [JSONRPCID]) {
        guard !ids.isEmpty else { return }
        state.withLock { state in for id in ids { state.open[id, default: 0] += 1 } }
    }

    /// Strikes off a request the client cancelled: the SDK answers none.
    func cancelled(_ id: JSONRPCID) {
        close([id])
    }

    /// Notes the responses in one outgoing message.
    func answered(_ message: Data) {
        close(Self.responseIDs(in: message))
    }

    /// Nothing more can be answered (standard output failed): every wait ends now.
    func abandon() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.abandoned = true
            state.open.removeAll()
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once every request read has been answered, cancelled or abandoned.
    func drained() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                guard !state.open.isEmpty, !state.abandoned else { return true }
                state.waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func close(_ ids: [JSONRPCID]) {
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

    /// Just what is needed of an outgoing message: its id, and whether it is a response.
    private struct Envelope: Decodable {
        var id: Value?
        var method: String?
    }

    /// The ids of the responses in an outgoing message (an object, or a batch's array).
    static func responseIDs(in message: Data) -> [JSONRPCID] {
        let decoder = JSONDecoder()
        let envelopes = (try? decoder.decode(Envelope.self, from: message)).map { [$0] } ?? (try? decoder.decode([Envelope].self, from: message)) ?? []
        return envelopes.filter { $0.method == nil }.compactMap { JSONRPCID($0.id) }
    }
}
