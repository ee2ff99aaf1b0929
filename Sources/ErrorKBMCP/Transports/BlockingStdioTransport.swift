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
/// `invalid request` error (to its `id`, when it can be seen), so a client never waits for it;
/// what happens to every other line is ``StdioExchange``'s rule.
public actor BlockingStdioTransport: Transport {
    public static let maximumMessageBytes = 4 * 1024 * 1024

    public nonisolated let logger: Logger
    private let input: Int32
    private let exchange: StdioExchange
    private let messages: AsyncThrowingStream<Data, any Error>
    private var started = false

    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, logger: Logger? = nil) {
        self.input = input
        self.logger = logger ?? Logger(label: "errorkb.mcp.stdio", factory: { _ in SwiftLogNoOpLogHandler() })
        let (messages, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        self.messages = messages
        exchange = StdioExchange(writer: LineWriter(descriptor: output), continuation: continuation)
    }

    /// Why standard output failed, if it did: the server then stopped, and its caller should
    /// say so and fail.
    public nonisolated var outputFailure: String? { exchange.outputFailure }

    public func connect() async throws {
        guard !started else { return }
        started = true
        let reader = LineReader(descriptor: input, exchange: exchange, logger: logger)
        let thread = Thread { reader.run() }
        thread.name = "errorkb-mcp-stdin"
        thread.start()
    }

    /// Ends the message stream now; the reading thread ends at the next end of input, which
    /// for a stdio server is when the client closes the pipe and the process exits.
    public func disconnect() async {
        exchange.finish()
    }

    public func send(_ data: Data) async throws {
        try exchange.send(data)
    }

    public func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }
}

/// Writes whole lines to a descriptor, one writer at a time, so the reader's own error answers
/// never interleave with the server's. After one failed write every later one fails at once:
/// a line after a lost one would be read as if nothing were missing.
final class LineWriter: Sendable {
    private let descriptor: Int32
    private let failed = Mutex<POSIXErrorCode?>(nil)

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func write(line: Data) throws {
        var bytes = line
        bytes.append(UInt8(ascii: "\n"))
        try failed.withLock { failed in
            if let failed { throw MCPError.transportError(POSIXError(failed)) }
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
                        let code = POSIXErrorCode(rawValue: errno) ?? .EIO
                        failed = code
                        throw MCPError.transportError(POSIXError(code))
                    }
                }
            }
        }
    }
}

/// The reading thread's loop: blocking reads, split at newlines, each line one message.
struct LineReader: Sendable {
    let descriptor: Int32
    let exchange: StdioExchange
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
        exchange.endOfInput()
    }

    private func deliver(_ line: Data) {
        var message = line
        if message.last == UInt8(ascii: "\r") { message.removeLast() }
        guard message.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return }
        guard message.count <= BlockingStdioTransport.maximumMessageBytes else {
            refuseOversized(message.prefix(512))
            return
        }
        exchange.deliver(message)
    }

    /// Answers a message too large to read, to its `id` if the start of it shows one.
    private func refuseOversized(_ start: Data) {
        let head = String(decoding: start, as: UTF8.self)
        var id = "null"
        // An integer id only when it ends there: `1.5` is no id, and must not be answered as `1`.
        if let range = head.range(of: #""id"\s*:\s*(-?[0-9]{1,18}(?=\s*[,}])|"(?:[^"\\]|\\.){0,200}")"#, options: .regularExpression) {
            id = String(head[range].drop { $0 != ":" }.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        let limit = BlockingStdioTransport.maximumMessageBytes
        let error = #"{"jsonrpc":"2.0","id":\#(id),"error":{"code":-32600,"message":"message over \#(limit) bytes: not read"}}"#
        logger.warning("refused an oversized message", metadata: ["limit": "\(limit)"])
        exchange.write(Data(error.utf8))
    }
}
