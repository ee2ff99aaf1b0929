import HTTPTypes
import NIOCore
import NIOHTTP1
import Synchronization

/// The HTTP/1 rules that only the connection can see, since Hummingbird's requests carry no
/// version and its answers are always HTTP/1.1 (RFC 9112):
/// - a request without keep-alive (HTTP/1.0 unless it asks for `keep-alive`, or `Connection:
///   close`) is answered with `Connection: close`, and the connection is closed after it;
///   HTTP/1.0 clients otherwise waited for the 60 s idle timeout;
/// - an answer with `Connection: close` closes the connection after it, whatever the request;
/// - an HTTP/1.1 request needs exactly one `Host`, any request at most one (§3.2), and
///   `CONNECT` is for proxies. Such a request is marked and passed on, so the router answers it
///   (a 400 or 405 problem) in its turn behind any pipelined request before it. After `CONNECT`
///   the parser treats what follows as a tunnel, so that connection is closed after the answer.
///
/// It sits between NIO's HTTP/1 codec and Hummingbird's, so it sees every request and every
/// answer, the router's and the cached ones alike.
final class HTTP1FramingRules: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The field a broken request is marked with, for ``RequestGuardMiddleware``: its value says
    /// what is wrong. A client's own field of that name is removed first.
    static let violationField = "errorkb-framing-violation"
    static let connectViolation = "CONNECT"
    /// The same, as the router reads it.
    static let violationFieldName = HTTPField.Name(violationField)

    /// What follows each request's answer, for each request read and not yet answered, in order.
    private enum AfterAnswer {
        case keepOpen
        case close
        /// NIO's encoder frames every answer to `CONNECT` as a tunnel's, without a body or
        /// `Content-Length`; this one is written out here instead, whole, below the encoder.
        case writeAnswerHereAndClose
        /// An answer given before the request's content was all read (a 408, 413 or 503): the
        /// client may still be sending, and closing at once would reset the connection before
        /// it read the answer. So the output is closed, what still comes in is read and
        /// dropped for a while (``lingerLimit``), and then the connection is closed.
        case closeLingering
    }

    /// How long, and how many bytes, a lingering close reads and drops before it closes, and
    /// how many connections may linger at once: reading what 184 refused clients still sent
    /// took the peak from 33 to 67 MiB above the start, so past that number a refused
    /// connection is closed at once, as before.
    static let lingerLimit = (time: TimeAmount.seconds(2), bytes: 4 * 1024 * 1024, connections: 16)
    private static let lingering = Atomic<Int>(0)

    private var afterAnswers = CircularBuffer<AfterAnswer>()
    private var heldAnswer: (head: HTTPResponseHead, body: ByteBuffer)?
    /// Bytes dropped while lingering; nil when not lingering.
    private var lingered: Int?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if let lingered {
            if case .body(let buffer) = unwrapInboundIn(data) { self.lingered = lingered + buffer.readableBytes }
            if (self.lingered ?? 0) > Self.lingerLimit.bytes { context.close(promise: nil) }
            return
        }
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        head.headers.remove(name: Self.violationField)
        let hosts = head.headers["host"].count
        if head.method == .CONNECT {
            head.headers.add(name: Self.violationField, value: Self.connectViolation)
        } else if hosts > 1 {
            head.headers.add(name: Self.violationField, value: "the request has \(hosts) Host fields; HTTP allows one (RFC 9112 §3.2)")
        } else if hosts == 0, (head.version.major, head.version.minor) >= (1, 1) {
            head.headers.add(name: Self.violationField, value: "the request has no Host field; HTTP/1.1 requires one (RFC 9112 §3.2)")
        }
        afterAnswers.append(head.method == .CONNECT ? .writeAnswerHereAndClose : head.isKeepAlive ? .keepOpen : .close)
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        switch (part, afterAnswers.first) {
        case (.head(var head), .close) where head.status.code >= 200:
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case (.head(let head), .keepOpen) where head.status.code >= 200 && !head.isKeepAlive:
            // An answer that says `Connection: close` (a 408, 413 or 503 given before the
            // request's content was all read) closes the connection after it (RFC 9112 §9.6).
            afterAnswers[afterAnswers.startIndex] = .closeLingering
            context.write(data, promise: promise)
        case (.end, .closeLingering):
            afterAnswers.removeFirst()
            lingerAndClose(data, context: context, promise: promise)
        case (.head(var head), .writeAnswerHereAndClose):
            head.headers.replaceOrAdd(name: "connection", value: "close")
            heldAnswer = (head, context.channel.allocator.buffer(capacity: 256))
            promise?.succeed(())
        case (.body(.byteBuffer(var buffer)), .writeAnswerHereAndClose):
            heldAnswer?.body.writeBuffer(&buffer)
            promise?.succeed(())
        case (.end, .writeAnswerHereAndClose):
            afterAnswers.removeFirst()
            writeHeldAnswerAndClose(context: context, promise: promise)
        case (.end, .close):
            afterAnswers.removeFirst()
            Self.writeAndClose(data, from: context, on: context.channel, promise: promise)
        case (.end, .keepOpen):
            afterAnswers.removeFirst()
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    private func writeHeldAnswerAndClose(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        let channel = context.channel
        guard let (head, body) = heldAnswer,
            let encoder = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self)
        else {
            promise?.succeed(())
            channel.close(promise: nil)
            return
        }
        heldAnswer = nil
        var bytes = channel.allocator.buffer(capacity: 256 + body.readableBytes)
        bytes.writeString("HTTP/1.1 \(head.status.code) \(head.status.reasonPhrase)\r\n")
        var headers = head.headers
        headers.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
        for (name, value) in headers { bytes.writeString("\(name): \(value)\r\n") }
        bytes.writeString("\r\n")
        bytes.writeImmutableBuffer(body)
        // From the encoder's context, so the bytes go out below it, as they are.
        Self.writeAndClose(NIOAny(bytes), from: encoder, on: channel, promise: promise)
    }

    /// Writes and flushes the answer's end, closes the output, and drops what the client still
    /// sends until it closes or the limit is reached (RFC 9112 §9.6's staged close).
    private func lingerAndClose(_ data: NIOAny, context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        let channel = context.channel
        guard Self.lingering.add(1, ordering: .relaxed).newValue <= Self.lingerLimit.connections else {
            Self.lingering.subtract(1, ordering: .relaxed)
            Self.writeAndClose(data, from: context, on: channel, promise: promise)
            return
        }
        channel.closeFuture.whenComplete { _ in Self.lingering.subtract(1, ordering: .relaxed) }
        lingered = 0
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.cascade(to: promise)
        context.writeAndFlush(data, promise: written)
        written.futureResult.whenComplete { _ in
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.scheduleTask(in: Self.lingerLimit.time) { channel.close(promise: nil) }
        }
    }

    /// Writes and flushes `data` from `context`, then closes the connection once it is written.
    private static func writeAndClose(
        _ data: NIOAny, from context: ChannelHandlerContext, on channel: any Channel, promise: EventLoopPromise<Void>?
    ) {
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.cascade(to: promise)
        context.writeAndFlush(data, promise: written)
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
    }
}
