import ErrorKBCore

/// What the blocks under a code say about it: its description, and its causes and fixes where
/// a label announces them.
///
/// One paragraph or one list item is one item; a wrapped line never starts one, and a nested
/// list belongs to its item. A lead-in that ends with `:` ("To resolve error 1016:"), a note, a
/// code example and a paragraph that is only a code span are never items. A label heading's
/// items run to the next heading as deep or deeper; a run-in label's, to the next label or the
/// end. Labels are looked for at the start of every line, because Markdown folds a line that
/// follows a list item into that item ("- The token expired.\nFix: Request a new token.").
struct EntryBody {
    private(set) var paragraphs: [String] = []
    private(set) var causes: [String] = []
    private(set) var fixes: [String] = []
    /// Text that may state an HTTP status for the code, notes included.
    private(set) var statusText: [String] = []
    private(set) var examples: [CodeBlock] = []
    /// The name a run-in `Message:` line gives the code (AWS's exceptions): its title.
    private(set) var labelledTitle: String?

    private var label: ItemLabel?
    private var labelLevel: Int?

    init(_ blocks: [Block]) {
        if blocks.count == 1, let text = blocks[0].paragraphText, Self.isPlainSentence(text) {
            paragraphs = [InlineText.flat(text)]
            return
        }
        read(blocks)
    }

    /// What a table cell says: its one sentence, or its blocks read as any others.
    init(_ cell: TableCell, labelled label: ItemLabel? = nil) {
        self.label = label
        guard cell.isPlainSentence else {
            read(cell.blocks)
            return
        }
        if label == nil { paragraphs = [cell.flatText] } else { add(cell.flatText) }
    }

    /// The blocks of a column that holds causes or fixes: every paragraph or item is one.
    /// One line of text with no mark, label or line break in it (most table cells): its reading
    /// is known without going through the rules below.
    static func isPlainSentence(_ text: String) -> Bool {
        !text.containsBytes(":") && !text.containsBytes("*") && !text.containsBytes("\n") && !text.containsBytes("`")
    }

    init(lines: [String], blocks: [Block]) {
        readLines(lines, asItem: false)
        read(blocks)
    }

    var description: String { paragraphs.joined(separator: "\n\n") }

    var statedStatus: Int? {
        StatedStatus.find(in: (paragraphs + statusText + causes + fixes).joined(separator: "\n")).first
    }

    private mutating func read(_ blocks: [Block]) {
        for block in blocks {
            switch block {
            case .heading(let heading):
                if let named = ItemLabel.named(heading.text) {
                    label = named
                    labelLevel = heading.level
                } else if labelLevel.map({ heading.level <= $0 }) ?? true {
                    label = nil
                    labelLevel = nil
                }
            case .paragraph(let paragraph):
                readLines(InlineText.lines(paragraph.text), asItem: label != nil, raw: paragraph.text)
            case .list(let list):
                for item in list.items { readItem(item.blocks) }
            case .note(let note):
                statusText.append(Block.text(of: note.blocks))
            case .code(let code):
                examples.append(code)
            case .definitions(let definitions):
                for item in definitions.items {
                    if let (named, rest) = ItemLabel.split(item.term) ?? ItemLabel.named(item.term).map({ ($0, "") }) {
                        label = named
                        labelLevel = nil
                        if !rest.isEmpty { add(rest) }
                        read(item.blocks)
                    } else {
                        readLines([item.term], asItem: label != nil)
                        read(item.blocks)
                    }
                }
            case .table:
                break
            }
        }
    }

    /// A list item is one item: its first paragraph starts it, anything nested goes on with it.
    private mutating func readItem(_ blocks: [Block]) {
        guard let first = blocks.first else { return }
        guard case .paragraph(let paragraph) = first else {
            read(blocks)
            return
        }
        let before = (causes.count, fixes.count, paragraphs.count)
        let lines = InlineText.lines(paragraph.text)
        // An item that is only a label (`- Suggested client recovery behavior:`): the items of
        // its nested list are the label's items, one each.
        if lines.count == 1, let (named, rest) = ItemLabel.split(lines[0]), rest.isEmpty, blocks.count > 1 {
            label = named
            labelLevel = nil
            read(Array(blocks.dropFirst()))
            return
        }
        readLines(lines, asItem: true, raw: paragraph.text)
        let nested = Block.text(of: Array(blocks.dropFirst())).replacingNewlines()
        guard !nested.isEmpty else { return }
        if causes.count > before.0 || fixes.count > before.1 || paragraphs.count > before.2 {
            appendToLast(nested)
        } else {
            add(nested)
        }
    }

    /// A paragraph's lines: a line that starts with a label starts that label's items; the other
    /// lines go on with the item (or description paragraph) before them.
    private mutating func readLines(_ rawLines: [String], asItem: Bool, raw: String? = nil) {
        if let raw, Self.isCodeOnly(raw), label != nil { return }
        let lines = rawLines.flatMap(Self.splitAtBoldLabels)
        var current: String?
        var currentIsItem = asItem
        func flush() {
            guard let text = current else { return }
            current = nil
            if currentIsItem, label != nil { add(text) } else if !InlineText.flat(text).isEmpty { paragraphs.append(InlineText.flat(text)) }
        }
        for line in lines {
            if let (named, rest) = ItemLabel.split(line) {
                flush()
                label = named
                labelLevel = nil
                currentIsItem = true
                current = rest.isEmpty ? nil : rest
            } else if line.hasSuffix(":") || lines.count == 1, let named = ItemLabel.named(line) {
                flush()
                label = named
                labelLevel = nil
                currentIsItem = true
            } else if labelledTitle == nil, label == nil, let title = Self.titleLabel(line) {
                flush()
                labelledTitle = title
            } else {
                current = current.map { $0 + " " + line } ?? line
            }
        }
        flush()
    }

    /// `Message: *Access denied.*` → `Access denied.`: the line names the code's message, its
    /// title, emphasis and all set aside.
    static func titleLabel(_ line: String) -> String? {
        let text = line.trimmingWhitespace()
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let head = InlineText.flat(String(text[..<colon])).lowercased()
        guard ["message", "error message", "status message", "reason phrase"].contains(head) else { return nil }
        var title = InlineText.flat(String(text[text.index(after: colon)...]))
        title = title.trimmingCharacters(in: "*_ ")
        return title.isEmpty ? nil : title
    }

    /// An item under the current label, unless it only leads into what follows.
    private mutating func add(_ text: String) {
        let item = InlineText.flat(text)
        guard !item.isEmpty, let label else { return }
        if item.hasSuffix(":") { return }
        switch label {
        case .causes: causes.append(item)
        case .fixes: fixes.append(item)
        }
    }

    private mutating func appendToLast(_ text: String) {
        let addition = InlineText.flat(text)
        guard !addition.isEmpty else { return }
        if label == .causes, !causes.isEmpty {
            causes[causes.count - 1] += " " + addition
        } else if label == .fixes, !fixes.isEmpty {
            fixes[fixes.count - 1] += " " + addition
        } else if !paragraphs.isEmpty {
            paragraphs[paragraphs.count - 1] += " " + addition
        }
    }

    /// `A sheet is jammed. **Cause:** damp paper. **Fix:** pull it out.` → three lines: a label
    /// set in bold starts a line of its own wherever it stands.
    static func splitAtBoldLabels(_ line: String) -> [String] {
        guard line.containsBytes("**") else { return [line] }
        var parts: [String] = []
        var rest = Substring(line)
        var searchFrom = rest.startIndex
        while let open = rest[searchFrom...].firstRange(of: "**") {
            let inner = rest[open.upperBound...]
            guard let close = inner.firstRange(of: "**") else { break }
            let label = inner[..<close.lowerBound]
            let after = inner[close.upperBound...]
            let isLabel = (label.hasSuffix(":") && ItemLabel.named(String(label)) != nil)
                || (after.hasPrefix(":") && ItemLabel.named(String(label)) != nil)
            if isLabel, open.lowerBound > rest.startIndex {
                let before = rest[..<open.lowerBound].trimmingWhitespace()
                if !before.isEmpty { parts.append(before) }
                rest = rest[open.lowerBound...]
                searchFrom = close.upperBound
            } else if isLabel {
                searchFrom = close.upperBound
            } else {
                searchFrom = close.upperBound
            }
        }
        parts.append(String(rest))
        return parts
    }

    /// `` `concat(lower(ip.src.country), http.request.uri.path)` ``: an example expression.
    private static func isCodeOnly(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        return trimmed.count > 2 && trimmed.hasPrefix("`") && trimmed.hasSuffix("`")
            && trimmed.filter({ $0 == "`" }).count == 2
    }
}
