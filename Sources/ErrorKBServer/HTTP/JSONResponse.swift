import ErrorKBCore
import ErrorKBImport
import Foundation
import Hummingbird

/// A JSON answer with the headers HTTP caches need: a strong `ETag` over the exact bytes, and
/// `Cache-Control: no-cache` so clients revalidate (edits from the CLI show up at once) and get
/// a 304 when nothing changed.
enum JSONResponse {
    static func make(_ value: some Encodable, for request: Request, headers extra: HTTPFields = [:]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return make(bytes: Array(try encoder.encode(value)), contentType: "application/json", for: request, headers: extra)
    }

    static func make(bytes: [UInt8], contentType: String, for request: Request, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.eTag] = "\"" + Checksum.sha256(bytes).prefix(24) + "\""
        headers[.cacheControl] = "no-cache"
        headers[.vary] = "Accept"
        headers[.contentType] = contentType
        return respond(body: ByteBuffer(bytes: bytes), headers: headers, for: request)
    }

    /// The answer for a body whose headers (with its `ETag`) are known: 304 when the client's
    /// copy is current, headers only for HEAD.
    static func respond(body: ByteBuffer, headers: HTTPFields, for request: Request) -> Response {
        let answer = conditionalAnswer(body: body, headers: headers, method: request.method, ifNoneMatch: request.headers[.ifNoneMatch])
        return Response(status: answer.status, headers: answer.headers, body: answer.body.map { .init(byteBuffer: $0) } ?? .init())
    }

    /// What ``respond(body:headers:for:)`` answers, in HTTP's own types, so the connection-level
    /// ``CachedAnswerHandler`` answers exactly as the router does. `body` is nil when none is sent.
    static func conditionalAnswer(
        body: ByteBuffer, headers: HTTPFields, method: HTTPRequest.Method, ifNoneMatch: String?
    ) -> (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer?) {
        var headers = headers
        if let ifNoneMatch, let tag = headers[.eTag], matches(ifNoneMatch, tag) {
            headers[.contentType] = nil
            return (.notModified, headers, nil)
        }
        headers[.contentLength] = String(body.readableBytes)
        return (.ok, headers, method == .head ? nil : body)
    }

    /// `If-None-Match: "a", W/"b"` or `*` (weak comparison, as RFC 9110 §13.1.2 asks).
    private static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var value = candidate.trimmingCharacters(in: .whitespaces)
            if value == "*" { return true }
            if value.hasPrefix("W/") { value.removeFirst(2) }
            return value == tag
        }
    }
}
