import ErrorKBCore

/// Plain text and RFC text, read by its lines and their indentation (`TextDialect`) into the
/// same blocks the Markdown and HTML parsers give: numbered and title-shaped headings,
/// paragraphs, lists, RFC hanging definitions (`invalid_request` over an indented paragraph, or
/// `slow_down  A variant...` on one line), indented examples, program source, and tables drawn
/// with `+---+` or pipes, set in aligned columns, or left without borders. RFC page headers,
/// footers and form feeds, and the chrome of pages saved from a browser, are set aside first,
/// so a definition or a table runs on across a page break.
enum PlainTextReader {
    static func read(_ source: SourceText) -> DocumentModel {
        let chrome = TextChrome.lines(source.lines)
        let lines = source.lines.map { chrome.contains($0.number) ? SourceLine(number: $0.number, text: "") : $0 }
        var dialect = TextDialect()
        let blocks = dialect.parse(lines, depth: 0)
        let heading = blocks.lazy.compactMap { block -> Heading? in
            if case .heading(let heading) = block { return heading }
            return nil
        }.first
        return DocumentModel(
            format: .text, title: heading.map { InlineText.flat($0.text) }, titleLine: heading?.lines.start, blocks: blocks,
            chrome: chrome)
    }
}

/// The lines of a text page that are no part of its content.
enum TextChrome {
    static func lines(_ lines: [SourceLine]) -> Set<Int> {
        var chrome: Set<Int> = []
        var afterPageBreak = false
        for line in lines {
            if line.text.contains("\u{0C}") {
                chrome.insert(line.number)
                afterPageBreak = true
                continue
            }
            if line.isBlank { continue }
            if PageChrome.isChrome(line.text) {
                chrome.insert(line.number)
                afterPageBreak = PageChrome.isPageFooter(line.trimmed)
                continue
            }
            // The running header after a page break: `CIBA          September 2021`.
            if afterPageBreak, line.text.containsBytes("   ") {
                chrome.insert(line.number)
            }
            afterPageBreak = false
        }
        return chrome
    }
}
