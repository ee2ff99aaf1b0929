import Hummingbird

/// What a request must be before any route sees it: within the size limits (414, 431), a
/// method the resource allows (405 with `Allow`), without content (413), and asking for
/// something the server can send (406).
struct RequestGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let violation = HTTP1FramingRules.violationFieldName.flatMap({ request.headers[$0] }) {
            guard violation == HTTP1FramingRules.connectViolation else { throw Problem(.badRequest, violation) }
            var allow = HTTPFields()
            allow[.allow] = "GET, HEAD"
            throw Problem(.methodNotAllowed, "this server is not a proxy: CONNECT is not allowed", headers: allow)
        }
        guard request.uri.string.utf8.count <= RequestRules.maximumURIBytes else {
            throw Problem(.uriTooLong, "the request target is over \(RequestRules.maximumURIBytes) bytes")
        }
        guard RequestRules.headerBytes(request.headers) <= RequestRules.maximumHeaderBytes else {
            throw Problem(.init(code: 431, reasonPhrase: "Request Header Fields Too Large"), "the request's header fields are over \(RequestRules.maximumHeaderBytes) bytes")
        }
        // The common case, a read that accepts anything, needs no route matching.
        let isRead = request.method == .get || request.method == .head
        if isRead, request.headers[.accept] == nil, request.headers[.contentLength] == nil, request.headers[.transferEncoding] == nil {
            return try await next(request, context)
        }
        let path = request.uri.path
        let route = APIPath(matching: path).map { ($0.pattern, $0.route.contentType) } ?? PagePath(matching: path).map { ($0.pattern, $0.contentType) }
        guard let (pattern, contentType) = route else {
            return try await next(request, context)
        }
        guard isRead else {
            var allow = HTTPFields()
            allow[.allow] = "GET, HEAD"
            throw Problem(.methodNotAllowed, "\(pattern) answers GET and HEAD only", headers: allow)
        }
        // Every route is a read: content is never read, so none is taken (an empty body is fine).
        if request.headers[.transferEncoding] != nil || (request.headers[.contentLength].map { $0 != "0" } ?? false) {
            throw Problem(.contentTooLarge, "\(pattern) takes no request content")
        }
        if let accept = request.headers[.accept], !RequestRules.accepts(accept, contentType) {
            throw Problem(.notAcceptable, "\(pattern) answers \(contentType.split(separator: ";")[0]) (and problems as application/problem+json)")
        }
        return try await next(request, context)
    }
}
