import ErrorKBCore

/// `/documents/{id}`: an imported document's text, a numbered anchor per line, the cited lines
/// highlighted, and the codes it documents.
struct DocumentPage {
    struct Line {
        var number: Int
        var anchor: String
        var text: String
        var highlighted: Bool
    }

    var frame: PageFrame
    var fileName: String
    var title: String?
    var vendor: String
    var vendorHref: String
    var sha256: String
    var importedAt: String
    var lineCount: Int
    var variantCount: Int
    var hasText: Bool
    var lines: [Line]
    var highlight: String?
    var codes: [CodeLink]

    static func load(_ document: SourceDocument, highlight: LineRange?, from knowledgeBase: some KnowledgeBaseReading) async throws
        -> DocumentPage
    {
        let text = try await knowledgeBase.documentText(id: document.id)
        let lines = text.map { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
                let number = index + 1
                return Line(
                    number: number, anchor: "L\(number)", text: String(line),
                    highlighted: highlight.map { $0.start <= number && number <= $0.end } ?? false)
            }
        }
        // One read, the document's own variants: paging the filtered listing cost a query per
        // page, each as large as the document (issue 27, finding 3).
        let codes = try await knowledgeBase.codes(inDocument: document.id).map { CodeLink($0, vendor: document.vendor) }
        return DocumentPage(
            frame: PageFrame(title: document.title ?? document.fileName, alternate: "/v1/documents/\(document.id)"),
            fileName: document.fileName, title: document.title, vendor: document.vendor, vendorHref: PageLinks.vendor(document.vendor),
            sha256: document.sha256, importedAt: document.importedAt, lineCount: document.lineCount, variantCount: document.variantCount,
            hasText: lines != nil, lines: lines ?? [],
            highlight: highlight.map { $0.start == $0.end ? "Line \($0.start) is highlighted." : "Lines \($0.start)–\($0.end) are highlighted." },
            codes: codes)
    }

    /// `12` or `12-14`, within the document's lines; anything else is refused naming `lines`.
    static func lineRange(_ text: String?, lineCount: Int) throws -> LineRange? {
        guard let text else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let start = Int(parts[0]), let end = Int(parts.last ?? ""), start >= 1, end >= start else {
            throw Problem(.badRequest, "query parameter 'lines' must be a line number or a range such as 12-14")
        }
        guard end <= lineCount else {
            throw Problem(.badRequest, "query parameter 'lines' goes past the document's \(lineCount) lines")
        }
        return LineRange(start: start, end: end)
    }
}
