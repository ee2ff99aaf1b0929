import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1.1 channel (`HTTP1Channel`, same handlers, same settings) with the
/// ``HTTP1FramingRules`` between NIO's codec and Hummingbird's, where the HTTP version is still
/// known, and the ``CachedAnswerHandler`` after its connection-state handler. Hummingbird's own extension point for extra handlers puts
/// them after its codec and before that handler, where neither could work.
struct CachingHTTP1Channel: HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: Responder
    let configuration: HTTP1Channel.Configuration
    let reads: CachedReads?
    /// Where a problem's `type` points (``PublicLinks``), for the parser's refusals.
    var links = PublicLinks()

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderFieldSize = configuration.httpDecoder.maxHeaderFieldSize
            limits.maxHeaderListSize = configuration.httpDecoder.maxHeaderListSize
            limits.maxHeaderFieldCount = configuration.httpDecoder.maxHeaderFieldCount
            let pipeline = channel.pipeline.syncOperations
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: limits)
            try pipeline.addHandler(ParserErrorProblems(problemType: links.absolute("/v1/codes/400")))
            try pipeline.addHandler(HTTP1FramingRules())
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandlers(configuration.additionalChannelHandlers())
            try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: configuration.idleTimeout.map { .init($0) }, logger: logger))
            if let reads { try pipeline.addHandler(CachedAnswerHandler(reads: reads)) }
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with the framing rules, whose cached reads (if given) are answered on the
    /// connection (``CachingHTTP1Channel``).
    static func http1(configuration: HTTP1Channel.Configuration, reads: CachedReads?, links: PublicLinks = PublicLinks()) -> HTTPServerBuilder {
        .init { responder in CachingHTTP1Channel(responder: responder, configuration: configuration, reads: reads, links: links) }
    }
}
