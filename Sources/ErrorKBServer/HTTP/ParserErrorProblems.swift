import Foundation
import NIOCore
import NIOHTTP1

/// A problem document for a request NIO's parser could not read. Hummingbird answers those
/// itself, 400 with no content at all, while every other failure is a problem: this handler,
/// just above NIO's codec, notes the parser's error as it passes and gives that answer its
/// problem body on the way out. Only that answer has neither content nor a content type.
final class ParserErrorProblems: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The problem `type`: `/v1/codes/400`, absolute under `--public-url`.
    private let problemType: String
    private var parserError: HTTPParserError?
    private var pendingBody: ByteBuffer?

    init(problemType: String) {
        self.problemType = problemType
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError { parserError = error }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head)
        where parserError != nil && head.status == .badRequest && head.headers["content-length"] == ["0"]
            && head.headers["content-type"].isEmpty:
            let body = problem(detail: "the request is not HTTP/1.1 this server can read (\(parserError.map { "\($0)" } ?? "parse error"))")
            head.headers.replaceOrAdd(name: "content-type", value: "application/problem+json")
            head.headers.replaceOrAdd(name: "content-length", value: String(body.count))
            head.headers.replaceOrAdd(name: "cache-control", value: "no-store")
            pendingBody = context.channel.allocator.buffer(bytes: body)
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end where pendingBody != nil:
            if let body = pendingBody { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
            pendingBody = nil
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    private func problem(detail: String) -> Data {
        struct Body: Encodable {
            var type: String
            var title = "Bad Request"
            var status = 400
            var detail: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(Body(type: problemType, detail: detail))) ?? Data()
    }
}
