import ErrorKBCore

/// reStructuredText pages (Sphinx, OpenStack, Open Telekom Cloud): section titles by their
/// adornment, grid tables (`+----+`) and simple tables (`====  ====`) whose cells are read as
/// blocks of their own (so a `.. note::` in a Solution cell is a note), `list-table`, notes and
/// other admonitions, code and literal blocks, lists, definition lists and field lists.
///
/// Written by hand: no Swift or C library parses reStructuredText (docutils is Python), and the
/// part pages use is small enough to read by its lines.
enum RSTReader {
    static func read(_ source: SourceText) -> DocumentModel {
        var parser = RSTBlockParser()
        let blocks = parser.parse(source.lines, depth: 0)
        let heading = blocks.lazy.compactMap { block -> Heading? in
            if case .heading(let heading) = block { return heading }
            return nil
        }.first
        return DocumentModel(
            format: .restructuredText, title: heading.map { InlineText.flat($0.text) }, titleLine: heading?.lines.start,
            blocks: blocks, chrome: parser.chrome)
    }
}

struct RSTBlockParser {
    static let maximumDepth = 16
    private(set) var chrome: Set<Int> = []
    /// Adornment styles in the order the page first uses them: the first is level 1.
    private var styles: [String] = []

    mutating func parse(_ lines: [SourceLine], depth: Int) -> [Block] {
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let text = line.trimmed
            if line.isBlank {
                index += 1
                continue
            }
            if depth >= Self.maximumDepth {
                blocks.append(paragraph(lines[index...].filter { !$0.isBlank }))
                break
            }
            if let (heading, end) = heading(lines, at: index) {
                blocks.append(.heading(heading))
                index = end
                continue
            }
            if text.hasPrefix("+-") || text.hasPrefix("+="), let (table, end) = RSTTables.grid(lines, at: index, parser: &self, depth: depth) {
                blocks.append(.table(table))
                index = end
                continue
            }
            if text.hasPrefix("="), RSTTables.isSimpleBorder(text), let (table, end) = RSTTables.simple(lines, at: index) {
                blocks.append(.table(table))
                index = end
                continue
            }
            if text.hasPrefix(".. ") || text == ".." {
                let end = indentedEnd(lines, after: index, indentation: line.indentation)
                blocks += directive(lines, at: index, end: end, depth: depth)
                index = end
                continue
            }
            if text.hasPrefix(":"), let close = text.dropFirst().firstIndex(of: ":"), close > text.index(after: text.startIndex),
                depth == 0, blocks.isEmpty || blocks.allSatisfy({ if case .heading = $0 { false } else { true } })
            {
                // A field list before the first section: the page's metadata.
                let end = indentedEnd(lines, after: index, indentation: line.indentation)
                for number in lines[index..<end].map(\.number) { chrome.insert(number) }
                index = end
                continue
            }
            if let field = Self.fieldName(text) {
                // A field list in the body (`:404: Not found. The resource ...`): a definition
                // list whose terms are the field names.
                let end = indentedEnd(lines, after: index, indentation: line.indentation)
                let rest = String(text.dropFirst(field.count + 2)).trimmingWhitespace()
                let body = ([rest] + lines[(index + 1)..<end].map { $0.text.trimmingWhitespace() }).filter { !$0.isEmpty }
                let range = LineRange(start: line.number, end: lines[end - 1].number)
                let item = Definition(
                    term: RSTInline.render(field), termLines: LineRange(start: line.number, end: line.number),
                    blocks: body.isEmpty ? [] : [.paragraph(Paragraph(text: RSTInline.render(body.joined(separator: "\n")), lines: range))],
                    lines: range)
                blocks.appendDefinition(item)
                index = end
                continue
            }
            if let marker = RSTListMarker(text) {
                let (list, end) = self.list(lines, at: index, ordered: marker.ordered, depth: depth)
                blocks.append(list)
                index = end
                continue
            }
            // A term with its definition indented on the very next line.
            if index + 1 < lines.count, !lines[index + 1].isBlank, lines[index + 1].indentation > line.indentation {
                let end = indentedEnd(lines, after: index, indentation: line.indentation)
                let body = parse(Array(lines[(index + 1)..<end]), depth: depth + 1)
                let item = Definition(
                    term: RSTInline.render(text), termLines: LineRange(start: line.number, end: line.number), blocks: body,
                    lines: LineRange(start: line.number, end: lines[end - 1].number))
                blocks.appendDefinition(item)
                index = end
                continue
            }
            // A paragraph, and a literal block after one that ends with `::`.
            var end = index + 1
            while end < lines.count, !lines[end].isBlank, lines[end].indentation == line.indentation,
                heading(lines, at: end) == nil
            {
                end += 1
            }
            var paragraphLines = Array(lines[index..<end])
            var literal = false
            if let last = paragraphLines.last?.text, last.hasSuffix("::") {
                literal = true
                let trimmed = String(last.dropLast(last.hasSuffix(" ::") ? 3 : 1))
                paragraphLines[paragraphLines.count - 1] = SourceLine(number: paragraphLines[paragraphLines.count - 1].number, text: trimmed)
            }
            if !paragraphLines.allSatisfy(\.isBlank) { blocks.append(paragraph(paragraphLines)) }
            index = end
            if literal {
                var next = index
                while next < lines.count, lines[next].isBlank { next += 1 }
                if next < lines.count, lines[next].indentation > line.indentation {
                    let codeEnd = indentedEnd(lines, after: next - 1, indentation: line.indentation)
                    blocks.append(code(Array(lines[next..<codeEnd])))
                    index = codeEnd
                }
            } else if index < lines.count, !lines[index].isBlank, lines[index].indentation > line.indentation {
                // An indented block right under a paragraph: a quotation, read as blocks.
                let quoteEnd = indentedEnd(lines, after: index - 1, indentation: line.indentation)
                blocks += parse(Array(lines[index..<quoteEnd]), depth: depth + 1)
                index = quoteEnd
            }
        }
        return blocks
    }

    /// The first line after `start` that is not blank and not indented deeper than `indentation`.
    /// The name of a field-list line (`:404: ...` → `404`), if the line is one: a colon, a name
    /// without spaces at its ends, a colon, then a space or the end of the line.
    static func fieldName(_ text: String) -> String? {
        guard text.hasPrefix(":"), let close = text.dropFirst().firstIndex(of: ":") else { return nil }
        let name = text[text.index(after: text.startIndex)..<close]
        let after = text[text.index(after: close)...]
        guard !name.isEmpty, name.first != " ", name.last != " ", after.isEmpty || after.first == " " else { return nil }
        return String(name)
    }

    func indentedEnd(_ lines: [SourceLine], after start: Int, indentation: Int) -> Int {
        var end = start + 1
        var lastContent = start
        while end < lines.count {
            if lines[end].isBlank {
                end += 1
                continue
            }
            guard lines[end].indentation > indentation else { break }
            lastContent = end
            end += 1
        }
        return lastContent + 1
    }

    private func paragraph(_ lines: [SourceLine]) -> Block {
        let first = lines.first?.number ?? 1
        return .paragraph(
            Paragraph(
                text: lines.map { RSTInline.render($0.trimmed) }.joined(separator: "\n"),
                lines: LineRange(start: first, end: lines.last?.number ?? first)))
    }

    private func code(_ lines: [SourceLine]) -> Block {
        let first = lines.first?.number ?? 1
        return .code(
            CodeBlock(
                text: lines.map(\.text).joined(separator: "\n"), language: nil,
                lines: LineRange(start: first, end: lines.last?.number ?? first)))
    }

    // MARK: Section titles

    private static let adornment = Set("=-`:'\"~^_*+#<>.")

    private func isAdornment(_ text: String) -> Bool {
        guard text.count >= 3, let first = text.first, Self.adornment.contains(first) else { return false }
        return text.allSatisfy { $0 == first }
    }

    /// `Title` over `=====` (and under one, for an overlined title).
    private mutating func heading(_ lines: [SourceLine], at index: Int) -> (Heading, Int)? {
        let line = lines[index]
        guard line.indentation == 0 || isAdornment(line.trimmed) else { return nil }
        var titleIndex = index
        var style = ""
        if isAdornment(line.trimmed), index + 2 < lines.count, lines[index + 2].trimmed == line.trimmed,
            !lines[index + 1].isBlank
        {
            titleIndex = index + 1
            style = "over" + String(line.trimmed.first ?? "=")
        } else if index + 1 < lines.count, !line.isBlank, !isAdornment(line.trimmed), isAdornment(lines[index + 1].trimmed),
            lines[index + 1].trimmed.count >= min(line.trimmed.count, 3), line.indentation == 0
        {
            style = String(lines[index + 1].trimmed.first ?? "=")
        } else {
            return nil
        }
        if !styles.contains(style) { styles.append(style) }
        let level = (styles.firstIndex(of: style) ?? 0) + 1
        let title = lines[titleIndex]
        let end = style.hasPrefix("over") ? index + 3 : index + 2
        return (
            Heading(
                level: level, text: RSTInline.render(title.trimmed),
                lines: LineRange(start: lines[index].number, end: lines[end - 1].number)),
            end
        )
    }

    // MARK: Directives

    private static let admonitions: Set<String> = [
        "note", "warning", "caution", "tip", "hint", "important", "attention", "danger", "error", "admonition", "seealso",
        "versionadded", "versionchanged", "deprecated",
    ]

    private mutating func directive(_ lines: [SourceLine], at index: Int, end: Int, depth: Int) -> [Block] {
        let text = lines[index].trimmed
        guard let marker = text.range(of: "::") else {
            // A comment or a hyperlink target: no content.
            for number in lines[index..<end].map(\.number) { chrome.insert(number) }
            return []
        }
        let name = text[text.index(text.startIndex, offsetBy: 3)..<marker.lowerBound].trimmingWhitespace().lowercased()
        let argument = text[marker.upperBound...].trimmingWhitespace()
        // The body, after any `:option:` lines.
        var bodyStart = index + 1
        while bodyStart < end, lines[bodyStart].trimmed.hasPrefix(":") { bodyStart += 1 }
        let body = Array(lines[min(bodyStart, end)..<end])
        let range = LineRange(start: lines[index].number, end: lines[end - 1].number)
        if Self.admonitions.contains(name) {
            var inner = parse(body, depth: depth + 1)
            if !argument.isEmpty { inner.insert(.paragraph(Paragraph(text: RSTInline.render(argument), lines: range)), at: 0) }
            return [.note(Note(blocks: inner, lines: range))]
        }
        switch name {
        case "code-block", "code", "sourcecode", "highlight", "parsed-literal":
            return body.isEmpty ? [] : [code(body)]
        case "list-table":
            return RSTTables.listTable(body, parser: &self, depth: depth, lines: range, headerRows: Self.headerRows(lines[index..<end])).map { [.table($0)] } ?? []
        case "image", "figure", "toctree", "contents", "include", "raw", "only", "meta", "index", "literalinclude", "_":
            for number in lines[index..<end].map(\.number) { chrome.insert(number) }
            return []
        default:
            return parse(body, depth: depth + 1)
        }
    }

    private static func headerRows(_ lines: ArraySlice<SourceLine>) -> Int {
        for line in lines where line.trimmed.hasPrefix(":header-rows:") {
            return Int(line.trimmed.dropFirst(":header-rows:".count).trimmingWhitespace()) ?? 0
        }
        return 0
    }

    // MARK: Lists

    private mutating func list(_ lines: [SourceLine], at start: Int, ordered: Bool, depth: Int) -> (Block, Int) {
        let indentation = lines[start].indentation
        var items: [ListItem] = []
        var index = start
        while index < lines.count, !lines[index].isBlank, lines[index].indentation == indentation,
            let marker = RSTListMarker(lines[index].trimmed), marker.ordered == ordered
        {
            let end = indentedEnd(lines, after: index, indentation: indentation)
            let first = SourceLine(number: lines[index].number, text: String(repeating: " ", count: indentation + marker.width) + marker.rest)
            let body = [first] + lines[(index + 1)..<end].map { line in
                line.isBlank ? line : SourceLine(number: line.number, text: String(repeating: " ", count: indentation + marker.width) + line.trimmed)
            }
            items.append(
                ListItem(blocks: parse(body, depth: depth + 1), lines: LineRange(start: lines[index].number, end: lines[end - 1].number)))
            index = end
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            guard next < lines.count, lines[next].indentation == indentation, RSTListMarker(lines[next].trimmed) != nil else { break }
            index = next
        }
        let range = LineRange(start: lines[start].number, end: items.last?.lines.end ?? lines[start].number)
        return (.list(BlockList(ordered: ordered, items: items, lines: range)), index)
    }
}

/// `-  text`, `* text`, `#. text`, `1. text`, `(a) text`.
struct RSTListMarker {
    var ordered: Bool
    var rest: String
    var width: Int

    init?(_ text: String) {
        if let first = text.first, "-*+•".contains(first), text.dropFirst().first == " " {
            ordered = false
            rest = text.dropFirst().trimmingWhitespace()
            width = text.count - rest.count
        } else {
            let label = text.prefix { $0.isNumber || $0 == "#" || $0 == "(" }
            let after = text.dropFirst(label.count)
            guard !label.isEmpty, label.count <= 4, after.hasPrefix(". ") || after.hasPrefix(") ") else { return nil }
            ordered = true
            rest = after.dropFirst(2).trimmingWhitespace()
            width = text.count - rest.count
        }
        guard !rest.isEmpty else { return nil }
    }
}

/// reStructuredText's inline markup as inline text: ``` ``literal`` ``` and `code` spans,
/// `**strong**`, references (`` `text <url>`_ ``, `` :ref:`text <label>` ``) as their text,
/// escapes and substitutions resolved.
enum RSTInline {
    static func render(_ text: String) -> String {
        guard text.containsBytes("`") || text.containsBytes("\\") || text.containsBytes("|") || text.containsBytes("*") else {
            return text
        }
        var result = ""
        var index = text.startIndex
        func at(_ offset: Int) -> Character? {
            text.index(index, offsetBy: offset, limitedBy: text.endIndex).flatMap { $0 < text.endIndex ? text[$0] : nil }
        }
        while index < text.endIndex {
            let character = text[index]
            if character == "\\", let next = at(1) {
                result.append(next)
                index = text.index(index, offsetBy: 2)
                continue
            }
            if character == "`", at(1) == "`", let close = text[text.index(index, offsetBy: 2)...].firstRange(of: "``") {
                result += "`" + text[text.index(index, offsetBy: 2)..<close.lowerBound] + "`"
                index = close.upperBound
                continue
            }
            if character == "`", let close = text[text.index(after: index)...].firstIndex(of: "`") {
                var inner = String(text[text.index(after: index)..<close])
                // `text <target>`: the text.
                if let open = inner.lastIndex(of: "<"), inner.hasSuffix(">") {
                    inner = String(inner[..<open]).trimmingWhitespace()
                }
                result += inner
                index = text.index(after: close)
                while index < text.endIndex, text[index] == "_" { index = text.index(after: index) }
                continue
            }
            if character == ":", let role = text[text.index(after: index)...].firstIndex(of: ":"),
                text.index(after: role) < text.endIndex, text[text.index(after: role)] == "`",
                text[text.index(after: index)..<role].allSatisfy({ $0.isLetter || $0 == ":" || $0 == "-" })
            {
                // `:ref:` and its kin: the role goes, its text stays.
                index = text.index(after: role)
                continue
            }
            if character == "|", let close = text[text.index(after: index)...].firstIndex(of: "|"),
                close > text.index(after: index), !text[text.index(after: index)..<close].containsBytes(" ")
            {
                result += text[text.index(after: index)..<close]
                index = text.index(after: close)
                continue
            }
            result.append(character)
            index = text.index(after: index)
        }
        return result
    }
}
