import ErrorKBCore
import Foundation
import Hummingbird

/// An RFC 9457 problem: every error the server answers is one, as `application/problem+json`.
/// Its `type` is the knowledge base's own entry for the status (`/v1/codes/404`): the service
/// documents its own errors.
public struct Problem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var detail: String
    /// Extra headers the answer needs (`Allow` on a 405).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var instance: String
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try response(from: request, links: PublicLinks())
    }

    func response(from request: Request, links: PublicLinks) throws -> Response {
        let body = Body(
            type: links.absolute("/v1/codes/\(status.code)"), title: status.reasonPhrase, status: status.code, detail: detail,
            instance: request.uri.path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(body)
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        headers[.cacheControl] = "no-store"
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The problem a failure from below the HTTP layer stands for.
    static func from(_ error: any Error) -> Problem? {
        switch error {
        case let problem as Problem:
            return problem
        case let error as KnowledgeBaseError:
            switch error {
            case .unknownCode, .unknownVendor, .unknownDocument, .unknownVariant, .unknownVariantOf, .unknownRevision, .unknownGuidance:
                return Problem(.notFound, error.description)
            case .invalid(let field, let reason):
                return Problem(.badRequest, "parameter '\(field)': \(reason)")
            case .conflict, .ambiguousVariant:
                return Problem(.conflict, error.description)
            case .schema, .storage:
                return nil
            }
        case let error as HTTPError:
            return Problem(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers)
        default:
            return nil
        }
    }
}
