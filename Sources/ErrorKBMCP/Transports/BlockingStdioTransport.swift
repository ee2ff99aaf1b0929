import Foundation
import Logging
import MCP
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The methods named `write` and `read` hide the system calls; these name them.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { write(descriptor, bytes, count) }
private func systemRead(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(descriptor, bytes, count) }

/// MCP's stdio transport (newline-delimited JSON-RPC on standard input and output) reading with
/// a blocking `read(2)` on a thread of its own.
///
/// Written by hand because the SDK's `StdioTransport` sets standard input non-blocking and
/// polls it every 10 ms: each call waits up to 10 ms for nothing, and an idle server keeps
/// waking the CPU. Blocked in `read`, a call costs about a millisecond and an idle server costs
/// nothing. A message over ``maximumMessageBytes`` is dropped unread and answered with an
/// `invalid request` error (to its `id`, when it can be seen), so a client never waits for it.
public actor BlockingStdioTransport: Transport {
    public static let maximumMessageBytes = 4 * 1024 * 1024

    public nonisolated let logger: Logger
    private let input: Int32
    private let writer: LineWriter
    private let ledger = RequestLedger()
    private let messages: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var started = false

    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, logger: Logger? = nil) {
        self.input = input
        self.writer = LineWriter(descriptor: output)
        self.logger = logger ?? Logger(label: "errorkb.mcp.stdio", factory: { _ in SwiftLogNoOpLogHandler() })
        (messages, continuation) = AsyncThrowingStream.makeStream()
    }

    public func connect() async throws {
        guard !started else { return }
        started = true
        let reader = LineReader(descriptor: input, writer: writer, ledger: ledger, continuation: continuation, logger: logger)
        let thread = Thread { reader.run() }
        thread.name = "errorkb-mcp-stdin"
        thread.start()
    }

    /// Ends the message stream now; the reading thread ends at the next end of input, which
    /// for a stdio server is when the client closes the pipe and the process exits.
    public func disconnect() async {
        continuation.finish()
    }

    public func send(_ data: Data) async throws {
        try writer.write(line: data)
        ledger.answered(data)
    }

    public func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }
}

/// Writes whole lines to a descriptor, one writer at a time, so the reader's own error answers
/// never interleave with the server's.
final class LineWriter: Sendable {
    private let descriptor: Int32
    private let lock = Mutex(())

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func write(line: Data) throws {
        var bytes = line
        bytes.append(UInt8(ascii: "\n"))
        try lock.withLock { _ in
            try bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                    if written >= 0 {
                        offset += written
                    } else if errno == EINTR {
                        continue
                    } else if errno == EAGAIN || errno == EWOULDBLOCK {
                        // A descriptor someone else made non-blocking: wait until it takes more.
                        var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                        _ = poll(&waiting, 1, -1)
                    } else {
                        throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
                    }
                }
            }
        }
    }
}

/// The reading thread's loop: blocking reads, split at newlines, each line one message.
struct LineReader: Sendable {
    let descriptor: Int32
    let writer: LineWriter
    let ledger: RequestLedger
    let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    let logger: Logger

    func run() {
        var pending = Data()
        var skippingOversized = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    _ = poll(&waiting, 1, -1)
                    continue
                }
                logger.error("reading standard input failed", metadata: ["errno": "\(errno)"])
                break
            }
            var chunk = buffer[..<count]
            while let newline = chunk.firstIndex(of: UInt8(ascii: "\n")) {
                if skippingOversized {
                    skippingOversized = false
                } else {
                    pending.append(contentsOf: chunk[..<newline])
                    deliver(pending)
                }
                pending.removeAll(keepingCapacity: true)
                chunk = chunk[(newline + 1)...]
            }
            guard !skippingOversized else { continue }
            pending.append(contentsOf: chunk)
            if pending.count > BlockingStdioTransport.maximumMessageBytes {
                refuseOversized(pending.prefix(512))
                pending.removeAll()
                skippingOversized = true
            }
        }
        if !skippingOversized { deliver(pending) }
        // The server answers what it read before the stream ends, then stops.
        let (ledger, continuation) = (ledger, continuation)
        Task {
            await ledger.drained()
            continuation.finish()
        }
    }

    private func deliver(_ line: Data) {
        var message = line
        if message.last == UInt8(ascii: "\r") { message.removeLast() }
        guard message.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return }
        guard message.count <= BlockingStdioTransport.maximumMessageBytes else {
            refuseOversized(message.prefix(512))
            return
        }
        ledger.opened(message)
        continuation.yield(message)
    }

    /// Answers a message too large to read, to its `id` if the start of it shows one.
    private func refuseOversized(_ start: Data) {
        let head = String(decoding: start, as: UTF8.self)
        var id = "null"
        if let range = head.range(of: #""id"\s*:\s*(-?[0-9]+|"(?:[^"\\]|\\.){0,200}")"#, options: .regularExpression) {
            id = String(head[range].drop { $0 != ":" }.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        let limit = BlockingStdioTransport.maximumMessageBytes
        let error = #"{"jsonrpc":"2.0","id":\#(id),"error":{"code":-32600,"message":"message over \#(limit) bytes: not read"}}"#
        logger.warning("refused an oversized message", metadata: ["limit": "\(limit)"])
        try? writer.write(line: Data(error.utf8))
    }
}
