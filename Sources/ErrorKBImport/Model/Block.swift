import ErrorKBCore

/// One block of a page, whatever markup it was written in, with the source lines it spans.
///
/// Every reader (Markdown, HTML, reStructuredText, AsciiDoc, YAML, plain and RFC text) builds
/// the same blocks, and entries are found in blocks only, so a layout learnt once is understood
/// in every markup. Text inside a block is "inline text": plain text in which a code span is
/// kept as `` `code` ``, strong emphasis as `**text**`, and a line or `<br>` break as `\n`
/// (see `InlineText`).
/// Not `indirect`: a block's children sit in arrays, which are boxes already, so boxing each
/// block again (a table's every cell) would only cost an allocation apiece.
public enum Block: Sendable, Hashable {
    case heading(Heading)
    case paragraph(Paragraph)
    case list(BlockList)
    case table(Table)
    case definitions(DefinitionList)
    case code(CodeBlock)
    /// An admonition (`:::note`, `> [!NOTE]`, `.. note::`, `NOTE:`), or a quotation: an aside,
    /// never a cause or a fix.
    case note(Note)

    public var lines: LineRange {
        switch self {
        case .heading(let block): block.lines
        case .paragraph(let block): block.lines
        case .list(let block): block.lines
        case .table(let block): block.lines
        case .definitions(let block): block.lines
        case .code(let block): block.lines
        case .note(let block): block.lines
        }
    }
}

public struct Heading: Sendable, Hashable {
    /// 1 for a page's top heading; deeper sections count up.
    public var level: Int
    public var text: String
    public var lines: LineRange
}

public struct Paragraph: Sendable, Hashable {
    /// The paragraph's lines, joined by `\n`.
    public var text: String
    public var lines: LineRange
}

public struct BlockList: Sendable, Hashable {
    public var ordered: Bool
    public var items: [ListItem]
    public var lines: LineRange
}

public struct ListItem: Sendable, Hashable {
    public var blocks: [Block]
    public var lines: LineRange
}

public struct Table: Sendable, Hashable {
    /// The header row's cells; empty when the table has none.
    public var header: [TableCell]
    public var rows: [TableRow]
    public var lines: LineRange
    /// A table that lost its borders (`404 Not Found The requested resource...`): each row is
    /// the code and the rest of its line, which the entry reader splits into its columns.
    public var borderless = false
    /// A table drawn by hand in plain text, where a row that shares its first cell with the row
    /// above leaves it out (a row span): `Unauthorized Client | ... | |` under `400 | ...`.
    public var rowsMayOmitFirstCell = false
}

public struct TableRow: Sendable, Hashable {
    public var cells: [TableCell]
    public var lines: LineRange
}

public struct TableCell: Sendable, Hashable {
    /// The blocks, where a cell holds more than one line of text; `nil` for the usual cell of
    /// one line, which keeps its text only: a 40,000-row table is spared 160,000 arrays.
    private let storedBlocks: [Block]?
    public let lines: LineRange
    /// The cell's text outside any note, its parts joined by `\n`: asked of every cell several
    /// times, so worked out once.
    public let text: String
    /// `text` on one line, without its marks (`InlineText.flat`).
    public let flatText: String

    public init(blocks: [Block], lines: LineRange) {
        let text = Block.text(of: blocks)
        let single = blocks.count == 1 && blocks[0].paragraphText.map { !$0.containsBytes("\n") } == true
            && blocks[0].lines == lines
        self.init(storedBlocks: single ? nil : blocks, lines: lines, text: text)
    }

    /// A cell of inline text, split into one paragraph per line break.
    public init(text: String, lines: LineRange) {
        guard text.containsBytes("\n") else {
            let trimmed = text.trimmingWhitespace()
            self.init(storedBlocks: trimmed.isEmpty ? [] : nil, lines: lines, text: trimmed)
            return
        }
        self.init(blocks: InlineText.lines(text).map { .paragraph(Paragraph(text: $0, lines: lines)) }, lines: lines)
    }

    private init(storedBlocks: [Block]?, lines: LineRange, text: String) {
        self.storedBlocks = storedBlocks
        self.lines = lines
        self.text = text
        flatText = InlineText.flat(text)
    }

    /// A cell holds blocks: a `<br>`-separated run is a paragraph each, `<li>` a list item.
    public var blocks: [Block] {
        storedBlocks ?? [.paragraph(Paragraph(text: text, lines: lines))]
    }

    /// One line of text with no mark, label or break in it: how most cells read.
    var isPlainSentence: Bool { storedBlocks == nil && EntryBody.isPlainSentence(text) }
}

public struct DefinitionList: Sendable, Hashable {
    public var items: [Definition]
    public var lines: LineRange
}

/// `term` followed by what defines it: a `<dt>`/`<dd>` pair, an RFC hanging paragraph, an MDN
/// `- term` / `  - : definition` pair, an AsciiDoc `term::`.
public struct Definition: Sendable, Hashable {
    public var term: String
    public var termLines: LineRange
    public var blocks: [Block]
    public var lines: LineRange
}

public struct CodeBlock: Sendable, Hashable {
    public var text: String
    public var language: String?
    public var lines: LineRange
    /// Set apart by indentation alone, not by a fence: in Markdown, possibly the indented
    /// continuation of a definition rather than code.
    public var indented = false
}

public struct Note: Sendable, Hashable {
    public var blocks: [Block]
    public var lines: LineRange
}

extension Block {
    /// A paragraph's text; `nil` for any other block.
    var paragraphText: String? {
        if case .paragraph(let paragraph) = self { return paragraph.text }
        return nil
    }

    /// The text of `blocks` outside notes and code, each paragraph, heading, item and cell on
    /// its own line.
    static func text(of blocks: [Block]) -> String {
        // One paragraph, as most table cells are: its own text, no copy.
        if blocks.count == 1, let text = blocks[0].paragraphText { return text }
        var parts: [String] = []
        func collect(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .heading(let heading): parts.append(heading.text)
                case .paragraph(let paragraph): parts.append(paragraph.text)
                case .list(let list): for item in list.items { collect(item.blocks) }
                case .table(let table): for row in [TableRow(cells: table.header, lines: table.lines)] + table.rows {
                    for cell in row.cells { collect(cell.blocks) }
                }
                case .definitions(let list): for item in list.items {
                    parts.append(item.term)
                    collect(item.blocks)
                }
                case .code, .note: break
                }
            }
        }
        collect(blocks)
        return parts.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}

extension LineRange {
    /// The smallest range holding both.
    func union(_ other: LineRange) -> LineRange {
        LineRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// The smallest range holding every range of `blocks`, or `nil` for none.
    static func covering(_ blocks: [Block]) -> LineRange? {
        guard let first = blocks.first?.lines else { return nil }
        return blocks.dropFirst().reduce(first) { $0.union($1.lines) }
    }
}

extension [Block] {
    /// Adds the items of `new` to the definition list these blocks end with, or appends `new`:
    /// the readers meet a list's definitions one at a time.
    /// The list is taken out of the array while it grows: changed in place, it would share its
    /// items with the array and copy them all at each append, quadratic in a long list.
    mutating func appendDefinitions(_ new: DefinitionList) {
        guard case .definitions? = last, case .definitions(var list) = removeLast() else {
            append(.definitions(new))
            return
        }
        list.items += new.items
        list.lines = list.lines.union(new.lines)
        append(.definitions(list))
    }

    /// Changes the last definition of the list these blocks end with; false when they end
    /// with none. Taken out of the array while it changes, for the reason above.
    mutating func updateLastDefinition(_ change: (inout Definition) -> Void) -> Bool {
        guard case .definitions(let peek)? = last, !peek.items.isEmpty, case .definitions(var list) = removeLast() else { return false }
        change(&list.items[list.items.count - 1])
        list.lines = list.lines.union(list.items[list.items.count - 1].lines)
        append(.definitions(list))
        return true
    }
}
