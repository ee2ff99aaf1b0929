import ErrorKBCore
import Foundation

/// Where an answer's facts can be opened: the entry on the REST API, the page a person reads
/// in a browser (`/codes/404`, a document open at the cited lines), and the MCP resource a
/// client can attach. Links are relative (to the server that answered) unless a
/// public URL is given, which a stdio server needs to give links an agent can follow.
public struct EntryLinks: Sendable {
    /// `https://errors.example.com`, without a trailing slash; empty for relative links.
    let base: String

    /// A public URL that breaks ``PublicURL``'s rule (the executables refuse it at start)
    /// gives relative links rather than pasting it anywhere.
    public init(publicURL: String? = nil) {
        base = publicURL.flatMap(PublicURL.init)?.text ?? ""
    }

    func code(_ code: String, vendor: String? = nil) -> String {
        let path = "\(base)/v1/codes/\(ErrorCode.pathSegment(code))"
        return vendor.map { "\(path)?vendor=\($0)" } ?? path
    }

    func document(_ id: Int64) -> String { "\(base)/v1/documents/\(id)" }

    /// The code's HTML page, which shows its variants side by side.
    func codePage(_ code: String, vendor: String? = nil) -> String {
        let path = "\(base)/codes/\(ErrorCode.pathSegment(code))"
        return vendor.map { "\(path)?vendor=\($0)" } ?? path
    }

    /// The document's HTML page, open at `lines` and with them highlighted.
    func documentPage(_ id: Int64, lines: LineRange?) -> String {
        guard let lines else { return "\(base)/documents/\(id)" }
        let range = lines.start == lines.end ? "\(lines.start)" : "\(lines.start)-\(lines.end)"
        return "\(base)/documents/\(id)?lines=\(range)#L\(lines.start)"
    }

    static func codeResource(_ code: String) -> String { "errorkb://codes/\(ErrorCode.pathSegment(code))" }
    static func documentResource(_ id: Int64) -> String { "errorkb://documents/\(id)" }
}

/// A variant as a tool answers it: the REST API's fields, and where it came from as one
/// citation an agent can quote.
struct CitedVariant: Encodable {
    struct Source: Encodable {
        var vendor: String
        /// `nil` for a variant an admin added by hand.
        var document: String?
        var documentID: Int64?
        var lines: LineRange?
        /// `akana_errors.md, lines 12-14 (akana)`.
        var citation: String
        /// The entry on the REST API, narrowed to this vendor.
        var link: String
        /// The lines it came from, highlighted on the document's page; the code's page for a
        /// variant added by hand.
        var page: String
        var documentResource: String?

        enum CodingKeys: String, CodingKey {
            case vendor, document, documentID = "documentId", lines, citation, link, page, documentResource
        }
    }

    var id: Int64
    var code: String
    var vendor: String
    var title: String?
    var description: String
    var httpStatus: Int?
    var causes: [String]
    var fixes: [String]
    var section: String?
    var document: String?
    var documentID: Int64?
    var lines: LineRange?
    var edited: Bool
    var source: Source

    enum CodingKeys: String, CodingKey {
        case id, code, vendor, title, description, httpStatus, causes, fixes, section, document
        case documentID = "documentId", lines, edited, source
    }

    init(_ variant: Variant, links: EntryLinks) {
        id = variant.id
        code = variant.code
        vendor = variant.vendor
        title = variant.title
        description = variant.description
        httpStatus = variant.httpStatus
        causes = variant.causes
        fixes = variant.fixes
        section = variant.section
        document = variant.document
        documentID = variant.documentID
        lines = variant.lines
        edited = variant.edited
        source = Source(
            vendor: variant.vendor, document: variant.document, documentID: variant.documentID, lines: variant.lines,
            citation: Self.citation(variant), link: links.code(variant.code, vendor: variant.vendor),
            page: variant.documentID.map { links.documentPage($0, lines: variant.lines) } ?? links.codePage(variant.code, vendor: variant.vendor),
            documentResource: variant.documentID.map(EntryLinks.documentResource))
    }

    static func citation(_ variant: Variant) -> String {
        guard let document = variant.document else { return "added by hand (\(variant.vendor))" }
        guard let lines = variant.lines else { return "\(document) (\(variant.vendor))" }
        let range = lines.start == lines.end ? "line \(lines.start)" : "lines \(lines.start)-\(lines.end)"
        return "\(document), \(range) (\(variant.vendor))"
    }
}

/// A code with its variants, as the lookup tools answer it.
struct CitedCode: Encodable {
    var code: String
    var kind: CodeKind
    var httpClass: String?
    var link: String
    /// The code's HTML page.
    var page: String
    var resource: String
    var variants: [CitedVariant]

    init(_ entry: CodeEntry, links: EntryLinks) {
        code = entry.code
        kind = entry.kind
        httpClass = entry.httpClass
        link = links.code(entry.code)
        page = links.codePage(entry.code)
        resource = EntryLinks.codeResource(entry.code)
        variants = entry.variants.map { CitedVariant($0, links: links) }
    }
}
