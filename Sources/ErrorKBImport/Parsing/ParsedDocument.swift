import ErrorKBCore

/// One entry found in a document, before it is stored.
public struct ParsedEntry: Sendable, Hashable {
    public var code: String
    public var kind: CodeKind
    public var title: String?
    public var description: String
    public var httpStatus: Int?
    public var section: String?
    public var causes: [String]
    public var fixes: [String]
    public var lines: LineRange

    public var content: VariantContent {
        VariantContent(
            section: section, title: title, description: description, httpStatus: httpStatus, causes: causes,
            fixes: fixes)
    }
}

/// A non-blank line that became no part of any entry, and why.
public struct UnplacedLine: Codable, Sendable, Hashable {
    public enum Reason: String, Codable, Sendable {
        /// Navigation or file details around the content.
        case chrome
        /// Running text: introductions, notes, examples.
        case prose
        /// A heading under which no entry stood.
        case heading
        /// A table row or list item that named no code this importer recognises.
        case noCode = "no-code"
    }

    public var number: Int
    public var text: String
    public var reason: Reason
}

/// Where in a page's blocks entries were found.
public enum Layout: String, Codable, Sendable, Hashable {
    case tables, headings, definitions = "definition lists", listItems = "list items"
    case paragraphs = "code paragraphs", examples = "codes in examples"
    case registryRows = "registry rows"
    case constants = "constants in code"
}

/// How many entries stand under one section of a page.
public struct SectionCount: Codable, Sendable, Hashable {
    public var section: String?
    public var entries: Int
}

/// What the parser found in one document.
public struct ParsedDocument: Sendable, Hashable {
    /// The document's own title: its first heading.
    public var title: String?
    /// The markup it was read as.
    public var format: DocumentFormat
    /// The layouts entries were found in, in the order first met.
    public var layouts: [Layout]
    public var entries: [ParsedEntry]
    /// How each table was read: the column taken as each role and why, or why it was set aside.
    public var tables: [TableReading] = []
    public var unplaced: [UnplacedLine]
    /// The rows, verbatim, when the document is a registry table.
    public var registry: RegistryTable? = nil

    /// The entries by section, in the order the sections first hold one.
    public var sections: [SectionCount] {
        var counts: [SectionCount] = []
        for entry in entries {
            if let index = counts.firstIndex(where: { $0.section == entry.section }) {
                counts[index].entries += 1
            } else {
                counts.append(SectionCount(section: entry.section, entries: 1))
            }
        }
        return counts
    }
}
