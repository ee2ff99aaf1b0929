import Hummingbird

/// What a request must be before any route sees it: within the size limits (414, 431), a
/// method the resource allows (405 with `Allow`), without content (413), and asking for
/// something the server can send (406).
struct RequestGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Far below NIO's own parser limits, so an oversized request gets a clear status rather
    /// than a dropped connection.
    static var maximumURIBytes: Int { 8 * 1024 }
    static var maximumHeaderBytes: Int { 16 * 1024 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.string.utf8.count <= Self.maximumURIBytes else {
            throw Problem(.uriTooLong, "the request target is over \(Self.maximumURIBytes) bytes")
        }
        let headerBytes = request.headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
        guard headerBytes <= Self.maximumHeaderBytes else {
            throw Problem(.init(code: 431, reasonPhrase: "Request Header Fields Too Large"), "the request's header fields are over \(Self.maximumHeaderBytes) bytes")
        }
        // The common case, a read that accepts anything, needs no route matching.
        let isRead = request.method == .get || request.method == .head
        if isRead, request.headers[.accept] == nil, request.headers[.contentLength] == nil, request.headers[.transferEncoding] == nil {
            return try await next(request, context)
        }
        guard let route = APIRoutes.all.first(where: { $0.matches(request.uri.path) }) else {
            return try await next(request, context)
        }
        guard isRead || request.method == .options else {
            var allow = HTTPFields()
            allow[.allow] = "GET, HEAD"
            throw Problem(.methodNotAllowed, "\(route.path) answers GET and HEAD only", headers: allow)
        }
        // Every route is a read: content is never read, so none is taken (an empty body is fine).
        if request.headers[.transferEncoding] != nil || (request.headers[.contentLength].map { $0 != "0" } ?? false) {
            throw Problem(.contentTooLarge, "\(route.path) takes no request content")
        }
        if let accept = request.headers[.accept], !Self.accepts(accept, route.contentType) {
            throw Problem(.notAcceptable, "\(route.path) answers \(route.contentType.split(separator: ";")[0]) (and problems as application/problem+json)")
        }
        return try await next(request, context)
    }

    /// True when an `Accept` header admits `contentType` (ignoring quality weights of zero).
    static func accepts(_ accept: String, _ contentType: String) -> Bool {
        let wanted = contentType.split(separator: ";")[0].lowercased()
        let wantedType = wanted.split(separator: "/")[0]
        return accept.split(separator: ",").contains { range in
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let media = parts.first else { return false }
            if parts.dropFirst().contains(where: { $0.replacingOccurrences(of: " ", with: "") == "q=0" || $0 == "q=0.0" || $0 == "q=0.000" }) {
                return false
            }
            return media == "*/*" || media == wanted || media == "\(wantedType)/*"
                || (wanted == "application/json" && media.hasSuffix("+json"))
        }
    }
}
