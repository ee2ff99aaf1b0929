import HTTPTypes
import Hummingbird

/// An HTML page, or the stylesheet, as a response: the JSON answers' `ETag` and revalidation
/// (``JSONResponse``), and the headers that keep untrusted text inert in a browser.
enum HTMLResponse {
    /// No script at all, inline or not: every page works without one, so any that appears is
    /// injected and must not run. Styles only from the server's own stylesheet.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    static func make(bytes: [UInt8], contentType: String, for request: Request) -> Response {
        JSONResponse.make(bytes: bytes, contentType: contentType, for: request, headers: securityHeaders)
    }

    /// An error page: never revalidated or kept, since it says what is wrong now. `extra` carries
    /// what the failure needs (`Allow` on a 405).
    static func error(bytes: [UInt8], status: HTTPResponse.Status, headers extra: HTTPFields) -> Response {
        var headers = securityHeaders
        headers.append(contentsOf: extra)
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static let securityHeaders: HTTPFields = {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        // HTTPTypes names no `Referrer-Policy`; the name is a valid token, so this always succeeds.
        if let referrerPolicy = HTTPField.Name("Referrer-Policy") { headers[referrerPolicy] = "same-origin" }
        return headers
    }()
}
