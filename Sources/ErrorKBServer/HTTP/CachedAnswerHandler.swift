import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers cached reads on the event loop that read them, before the request becomes a Swift
/// task: Hummingbird's path (an async stream, a task hop, the router, five middleware) costs a
/// cached lookup about three times what writing the stored bytes does. ``CachedReads`` decides
/// what may be answered here; everything else, and everything behind a request still being
/// answered by the router, passes on untouched, so answers leave in the order requests came;
/// so does everything while the connection's outbound buffer is full.
///
/// It sits after Hummingbird's `HTTPConnectionStateHandler`, which so sees every request and
/// answer: idle timeouts and graceful shutdown count the requests answered here too.
final class CachedAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Reading {
        case betweenRequests
        case passingOn
        case answering(CachedReads.Answer)
    }

    private let reads: CachedReads
    private var reading = Reading.betweenRequests
    /// Requests passed on whose answer's end has not been written yet.
    private var passedOnAndUnanswered = 0

    init(reads: CachedReads) {
        self.reads = reads
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), reading) {
        case (.head(let request), _):
            // A client that pipelines without reading fills the outbound buffer: the router's
            // writer waits for it to drain, and so must answers from here, by going there.
            if passedOnAndUnanswered == 0, context.channel.isWritable, let answer = reads.answer(to: request) {
                reading = .answering(answer)
                return
            }
            reading = .passingOn
            passedOnAndUnanswered += 1
            context.fireChannelRead(data)
        case (.body, .answering):
            // Not reached: a request with content is never answered here. Dropped if it were.
            break
        case (.end, .answering(let answer)):
            reading = .betweenRequests
            context.write(wrapOutboundOut(.head(answer.head)), promise: nil)
            if let body = answer.body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            reads.answered(answer)
        case (.body, _), (.end, _):
            context.fireChannelRead(data)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Never below zero: a parse error's 400 answers no request that was passed on.
        if case .end = unwrapOutboundIn(data) { passedOnAndUnanswered = max(0, passedOnAndUnanswered - 1) }
        context.write(data, promise: promise)
    }
}
