import ErrorKBCore

/// A page as blocks, with what its reader knows about it: what every entry reader looks at.
public struct DocumentModel: Sendable, Hashable {
    public var format: DocumentFormat
    /// The title the page gives itself: its front matter's or `<title>`, else its first heading.
    public var title: String?
    /// The line the title was read from, if it was read from one.
    public var titleLine: Int?
    public var blocks: [Block]
    /// Source lines that are no part of the content (front matter, navigation, scripts, RFC page
    /// headers and footers, markup alone on its line), so the import report can say so.
    public var chrome: Set<Int>

    public init(format: DocumentFormat, title: String?, titleLine: Int? = nil, blocks: [Block], chrome: Set<Int> = []) {
        self.format = format
        self.title = title
        self.titleLine = titleLine
        self.blocks = blocks
        self.chrome = chrome
    }
}

/// The markup a page is written in: by its file name's extension, else by what it looks like.
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable {
    case markdown, html, restructuredText = "rst", asciiDoc = "asciidoc", yaml, csv, pod, text

    static func of(fileName: String, lines: [SourceLine]) -> DocumentFormat {
        let lowered = fileName.lowercased()
        let suffix = lowered.split(separator: ".").last.map(String.init) ?? ""
        switch suffix {
        case "md", "markdown", "mdx", "mdown", "mkd": return .markdown
        case "html", "htm", "xhtml": return .html
        case "rst", "rest": return .restructuredText
        case "adoc", "asciidoc", "asc": return .asciiDoc
        case "yaml", "yml": return .yaml
        case "csv": return .csv
        case "pod", "pm": return .pod
        default: return HTMLSniffer.looksLikeHTML(lines) ? .html : PODReader.looksLikePOD(lines) ? .pod : .text
        }
    }
}
