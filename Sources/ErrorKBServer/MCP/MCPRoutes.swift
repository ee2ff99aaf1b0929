import ErrorKBCore
import ErrorKBMCP
import Foundation
import HTTPTypes
import Hummingbird
import MCP
import NIOCore

/// `/mcp`: the Model Context Protocol over Streamable HTTP, beside the REST API on the same
/// listener and the same read-only store. Every request gets its own stateless MCP server:
/// the tools only read, so there is no session to keep, nothing to expire, and any number of
/// clients can call at once. GET (a server-to-client stream) and DELETE (ending a session)
/// are 405, as the specification allows a server without sessions to answer.
struct MCPRoutes<Context: Hummingbird.RequestContext>: Sendable {
    static var path: String { "/mcp" }
    /// The largest tool call is `explain_response` with a 64 KiB body, JSON-escaped.
    static var maximumRequestBytes: Int { 1024 * 1024 }

    let server: KnowledgeBaseMCPServer
    /// Which `Host` and `Origin` values may call (``MCPHostRule``).
    let origins: any HTTPRequestValidator
    /// Every request's content counts against one total (``ContentBudget``).
    let budget: ContentBudget
    /// How long a request's content may take to arrive (``RequestContent``).
    let contentTimeout: Duration

    init(
        server: KnowledgeBaseMCPServer, origins: any HTTPRequestValidator, budget: ContentBudget = ContentBudget(),
        contentTimeout: Duration = ServerOptions.defaultContentTimeout
    ) {
        self.server = server
        self.origins = origins
        self.budget = budget
        self.contentTimeout = contentTimeout
    }

    /// The routes a server started with `options` serves, its links relative to itself unless
    /// it was given a public URL.
    init(options: ServerOptions, knowledgeBase: any KnowledgeBaseReading) {
        let scope: MCPHostRule.Scope = options.isLoopback ? .loopback : .published(publicHost: options.publicURL.flatMap(PublicURL.init)?.host)
        self.init(
            server: KnowledgeBaseMCPServer(knowledgeBase: knowledgeBase, links: EntryLinks(publicURL: options.publicURL)),
            origins: MCPHostRule(scope: scope), budget: ContentBudget(limit: options.contentBudgetBytes),
            contentTimeout: options.contentTimeout)
    }

    func register(on router: Router<Context>) {
        for method in [HTTPRequest.Method.post, .get, .delete] {
            router.on(RouterPath(Self.path), method: method, use: handle)
        }
    }

    @Sendable func handle(_ request: Request, context: Context) async throws -> Response {
        try await budget.holding { hold in
            let body = try await RequestContent.collect(
                request, upTo: Self.maximumRequestBytes, hold: hold, timeout: contentTimeout, path: Self.path)
            var headers: [String: String] = [:]
            for field in request.headers {
                let name = field.name.canonicalName
                headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
            }
            // HTTP/1's `Host` arrives as the request's authority, not as a field.
            if let authority = request.head.authority { headers["Host"] = authority }
            let exchange = MCP.HTTPRequest(method: request.method.rawValue, headers: headers, body: Data(buffer: body), path: request.uri.path)
            // Who may call comes before what they sent.
            if let refused = origins.validate(exchange, context: HTTPValidationContext(httpMethod: request.method.rawValue)) {
                return Self.response(refused)
            }
            if request.method == .post, let refusal = Self.refusal(of: exchange.body ?? Data()) {
                var fields = HTTPFields()
                fields[.contentType] = "application/json"
                fields[.cacheControl] = "no-store"
                return Response(status: .badRequest, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: refusal)))
            }
            return await answer(exchange)
        }
    }

    /// What the SDK's HTTP transport must not see: a message that is none (it waited forever
    /// for an answer to `"id":true`, which its server never gives), or a batch, which it
    /// cannot take.
    static func refusal(of body: Data) -> Data? {
        let incoming = JSONRPCMessage.read(body)
        if let refusal = incoming.refusal { return refusal }
        if case .batch = incoming {
            return JSONRPCError.encode([.invalidRequest(id: nil, "\(path) takes one message per request, not a batch")], asBatch: false)
        }
        return nil
    }

    private func answer(_ exchange: MCP.HTTPRequest) async -> Response {
        let transport = StatelessHTTPServerTransport(
            validationPipeline: StandardValidationPipeline(validators: [
                origins, AcceptHeaderValidator(mode: .jsonOnly), ContentTypeValidator(), ProtocolVersionValidator(),
            ]))
        let mcp = await server.makeServer()
        do {
            try await mcp.start(transport: transport)
        } catch {
            return Self.response(.error(statusCode: 500, .internalError("the MCP server did not start")))
        }
        let answer = await transport.handleRequest(exchange)
        await mcp.stop()
        return Self.response(answer)
    }

    static func response(_ answer: MCP.HTTPResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        fields[.cacheControl] = "no-store"
        let body = answer.bodyData.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
        return Response(status: HTTPResponse.Status(code: answer.statusCode), headers: fields, body: body)
    }
}
