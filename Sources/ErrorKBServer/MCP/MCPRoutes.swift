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
    /// Which `Host` and `Origin` values may call: a browser page on another site must not
    /// reach a server on a developer's loopback (DNS rebinding).
    let origins: any HTTPRequestValidator

    init(server: KnowledgeBaseMCPServer, origins: any HTTPRequestValidator) {
        self.server = server
        self.origins = origins
    }

    /// The routes a server started with `options` serves, its links relative to itself unless
    /// it was given a public URL.
    init(options: ServerOptions, knowledgeBase: any KnowledgeBaseReading) {
        let origins: any HTTPRequestValidator = options.isLoopback ? Self.loopbackOnly : SameOriginValidator()
        self.init(
            server: KnowledgeBaseMCPServer(knowledgeBase: knowledgeBase, links: EntryLinks(publicURL: options.publicURL)),
            origins: origins)
    }

    /// Loopback names, with any port or none (`Host: localhost` is as valid as `localhost:8080`),
    /// over http or https.
    static var loopbackOnly: OriginValidator {
        let hosts = ["127.0.0.1", "localhost", "[::1]"]
        let withPorts = hosts + hosts.map { $0 + ":*" }
        return OriginValidator(allowedHosts: withPorts, allowedOrigins: withPorts.flatMap { ["http://" + $0, "https://" + $0] })
    }

    func register(on router: Router<Context>) {
        for method in [HTTPRequest.Method.post, .get, .delete] {
            router.on(RouterPath(Self.path), method: method, use: handle)
        }
    }

    @Sendable func handle(_ request: Request, context: Context) async throws -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maximumRequestBytes)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "\(Self.path) takes at most \(Self.maximumRequestBytes) bytes of content")
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        // HTTP/1's `Host` arrives as the request's authority, not as a field.
        if let authority = request.head.authority { headers["Host"] = authority }
        let transport = StatelessHTTPServerTransport(
            validationPipeline: StandardValidationPipeline(validators: [
                origins, AcceptHeaderValidator(mode: .jsonOnly), ContentTypeValidator(), ProtocolVersionValidator(),
            ]))
        let mcp = await server.makeServer()
        try await mcp.start(transport: transport)
        let answer = await transport.handleRequest(
            MCP.HTTPRequest(method: request.method.rawValue, headers: headers, body: Data(buffer: body), path: request.uri.path))
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

/// Same-origin calls only, for a server published beyond loopback: any `Host` is fine (a
/// proxy names it), but a browser's `Origin`, when there is one, must be that same host.
struct SameOriginValidator: HTTPRequestValidator {
    func validate(_ request: MCP.HTTPRequest, context: HTTPValidationContext) -> MCP.HTTPResponse? {
        guard let origin = request.header("Origin") else { return nil }
        let host = request.header("Host")?.lowercased()
        let originHost = URLComponents(string: origin).map { components in
            (components.host ?? "").lowercased() + (components.port.map { ":\($0)" } ?? "")
        }
        guard let host, let originHost, host == originHost || host.split(separator: ":").first.map(String.init) == originHost else {
            return .error(statusCode: 403, .invalidRequest("Forbidden: Origin \(origin) is not this server's"))
        }
        return nil
    }
}
