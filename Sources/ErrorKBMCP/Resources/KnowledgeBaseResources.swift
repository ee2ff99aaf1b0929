import ErrorKBCore
import MCP

/// One resource per code (`errorkb://codes/404`) and per imported document
/// (`errorkb://documents/3`), so a client can attach an entry to a conversation. A code's
/// resource is the REST API's `/v1/codes/{code}` body; a document's is the document and the
/// codes taken from it.
enum KnowledgeBaseResources {
    static let pageSize = 200
    /// JSON-RPC's "resource not found", which MCP reserves for reads of unknown URIs.
    static let notFoundCode = -32002

    static let templates = [
        Resource.Template(
            uriTemplate: "errorkb://codes/{code}", name: "code", title: "An error code",
            description: "Every variant of a code, with causes, fixes and the document and lines each came from.",
            mimeType: "application/json"),
        Resource.Template(
            uriTemplate: "errorkb://documents/{id}", name: "document", title: "An imported document",
            description: "An imported documentation page: vendor, title, checksum, and the codes taken from it.",
            mimeType: "application/json"),
    ]

    /// Documents first (all of them, on the first page), then codes in code order, a page at a time.
    static func list(cursor token: String?, in context: ToolContext) async throws -> ListResources.Result {
        var resources: [Resource] = []
        var cursor: Cursor?
        if let token {
            guard let parsed = Cursor(token: token) else { throw MCPError.invalidParams("resources/list: unknown cursor \(token.quotedForMessage())") }
            cursor = parsed
        } else {
            for document in try await context.knowledgeBase.documents(vendor: nil) {
                resources.append(
                    Resource(
                        name: document.fileName, uri: EntryLinks.documentResource(document.id), title: document.title ?? document.fileName,
                        description: "\(document.vendor): \(document.variantCount) variants, \(document.lineCount) lines",
                        mimeType: "application/json"))
            }
        }
        let page = try await context.knowledgeBase.codes(filter: CodeFilter(), page: PageRequest(limit: pageSize, cursor: cursor))
        for code in page.items {
            let title = code.titles.first.map { "\(code.code) \($0)" } ?? code.code
            resources.append(
                Resource(
                    name: code.code, uri: EntryLinks.codeResource(code.code), title: title,
                    description: "\(code.variantCount) variants from \(code.vendors.joined(separator: ", "))", mimeType: "application/json"))
        }
        return ListResources.Result(resources: resources, nextCursor: page.next?.token)
    }

    static func read(_ uri: String, in context: ToolContext) async throws -> ReadResource.Result {
        let json: String
        if let segment = suffix(of: uri, after: "errorkb://codes/") {
            let code = ErrorCode.fromPathSegment(segment)
            guard ErrorCode.isValid(code) else { throw MCPError.invalidParams("resources/read: \(code.quotedForMessage()) is not a code") }
            // The same answer as GET /v1/codes/{code}: the variants, registrations, prescriptions,
            // retry guidance and divergences.
            guard let answer = try await CodeAnswer.read(code, vendor: nil, in: context.knowledgeBase, today: CalendarDay.today())
            else { throw notFound(uri) }
            json = try ToolAnswer.json(answer)
        } else if let id = suffix(of: uri, after: "errorkb://documents/") {
            guard let number = Int64(id), number > 0 else { throw MCPError.invalidParams("resources/read: \(id.quotedForMessage()) is not a document id") }
            guard let document = try await context.knowledgeBase.document(id: number) else { throw notFound(uri) }
            json = try ToolAnswer.json(try await DocumentResource.make(document, in: context))
        } else {
            throw MCPError.invalidParams("resources/read: \(uri.quotedForMessage(limit: 200)) is not an ErrorKB resource (errorkb://codes/{code}, errorkb://documents/{id})")
        }
        return ReadResource.Result(contents: [.text(json, uri: uri, mimeType: "application/json")])
    }

    private static func suffix(of uri: String, after prefix: String) -> String? {
        guard uri.hasPrefix(prefix) else { return nil }
        return String(uri.dropFirst(prefix.count))
    }

    private static func notFound(_ uri: String) -> MCPError {
        .serverError(code: notFoundCode, message: "Resource not found: \(uri)")
    }
}

/// A document's resource: the document, and each code taken from it with its resource URI.
struct DocumentResource: Encodable {
    struct Code: Encodable {
        var code: String
        var titles: [String]
        var resource: String
    }

    var document: SourceDocument
    var codes: [Code]

    static func make(_ document: SourceDocument, in context: ToolContext) async throws -> DocumentResource {
        var codes: [Code] = []
        var cursor: Cursor?
        repeat {
            let page = try await context.knowledgeBase.codes(
                filter: CodeFilter(document: document.fileName), page: PageRequest(limit: PageRequest.maximumLimit, cursor: cursor))
            codes += page.items.map { Code(code: $0.code, titles: $0.titles, resource: EntryLinks.codeResource($0.code)) }
            cursor = page.next
        } while cursor != nil
        return DocumentResource(document: document, codes: codes)
    }
}
