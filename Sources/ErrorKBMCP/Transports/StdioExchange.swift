import Foundation
import MCP
import Synchronization

/// What the stdio transport's reading thread and its `send` share: the writer, the ledger and
/// the message stream, and the rule that ends them.
///
/// Every line read is answered or passed on: a line that is no JSON-RPC message is answered
/// here (``JSONRPCMessage``), the rest go to the SDK and into the ledger. The stream ends at
/// the end of input once the ledger is empty, or at once when standard output fails, since
/// then no answer can reach the client and waiting would never end.
final class StdioExchange: Sendable {
    let writer: LineWriter
    private let ledger = RequestLedger()
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private let failure = Mutex<String?>(nil)

    init(writer: LineWriter, continuation: AsyncThrowingStream<Data, any Error>.Continuation) {
        self.writer = writer
        self.continuation = continuation
    }

    /// Why standard output failed, if it did.
    var outputFailure: String? { failure.withLock { $0 } }

    /// One line read: refused here, or passed on to the SDK.
    func deliver(_ message: Data) {
        let incoming = JSONRPCMessage.read(message)
        if let refusal = incoming.refusal {
            write(refusal)
            return
        }
        if case .single(.notification(_, let cancels?)) = incoming { ledger.cancelled(cancels) }
        if case .batch(let items) = incoming {
            for case .notification(_, let cancels?) in items { ledger.cancelled(cancels) }
        }
        ledger.opened(incoming.requestIDs)
        continuation.yield(message)
    }

    /// An answer of the SDK's.
    func send(_ data: Data) throws {
        do {
            try writer.write(line: data)
        } catch {
            failed(error)
            throw error
        }
        ledger.answered(data)
    }

    /// An answer of the transport's own (a refusal).
    func write(_ data: Data) {
        do { try writer.write(line: data) } catch { failed(error) }
    }

    /// The end of input: the stream ends once every request read has its answer.
    func endOfInput() {
        let (ledger, continuation) = (ledger, continuation)
        Task {
            await ledger.drained()
            continuation.finish()
        }
    }

    /// Ends the stream now; ``endOfInput()`` is the usual end.
    func finish() {
        continuation.finish()
    }

    private func failed(_ error: any Error) {
        let first = failure.withLock { failure -> Bool in
            guard failure == nil else { return false }
            failure = "cannot write to standard output (\(Self.reason(error))); MCP answers cannot reach the client"
            return true
        }
        guard first else { return }
        ledger.abandon()
        continuation.finish()
    }

    private static func reason(_ error: any Error) -> String {
        if case MCPError.transportError(let underlying) = error, let posix = underlying as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        return "\(error)"
    }
}
