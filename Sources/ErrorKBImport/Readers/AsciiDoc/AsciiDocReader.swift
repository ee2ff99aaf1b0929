import ErrorKBCore
import Foundation

/// AsciiDoc pages (Antora and Asciidoctor sites): `==` section titles, with the attribute
/// references a title may carry after it (`==== 404 Not found {rfc-status-404} {use}`) left out
/// of it; attribute entries and block attributes (`[.indent]`, `[[anchor]]`, `[#243]`) as
/// chrome; delimited listing, literal, example, sidebar and quote blocks; `NOTE:` and `[NOTE]`
/// admonitions; lists; `term::` definitions; and `|===` tables.
///
/// Written by hand: the AsciiDoc parsers are Ruby and JavaScript (Asciidoctor), and the part
/// that carries error codes is read by its lines, as a line dialect (`AsciiDocDialect`).
enum AsciiDocReader {
    static func read(_ source: SourceText) -> DocumentModel {
        let (lines, conditionals) = withoutConditionals(source.lines)
        var dialect = AsciiDocDialect()
        let blocks = dialect.parse(lines, depth: 0)
        return DocumentModel(
            format: .asciiDoc, title: dialect.title ?? firstHeading(blocks), titleLine: dialect.titleLine, blocks: blocks,
            chrome: dialect.chrome.union(conditionals))
    }

    /// `ifdef::VK_KHR_swapchain[]` ... `endif::...[]`: a rendered page shows what the conditions
    /// enclose (ErrorKB cannot know the attributes it was built with), so the directives go and
    /// their content stays, except what an attribute named `hidden` encloses, which no reader sees.
    static func withoutConditionals(_ lines: [SourceLine]) -> ([SourceLine], Set<Int>) {
        var result: [SourceLine] = []
        var removed: Set<Int> = []
        var hiddenDepth = 0
        for line in lines {
            let text = line.trimmed
            let directive = ["ifdef::", "ifndef::", "ifeval::", "endif::"].first { text.hasPrefix($0) && text.hasSuffix("]") }
            if let directive {
                let attribute = text.dropFirst(directive.count).prefix { $0 != "[" && $0 != "," && $0 != "+" }
                if attribute == "hidden" { hiddenDepth = max(0, hiddenDepth + (directive == "endif::" ? -1 : 1)) }
            }
            if directive != nil || hiddenDepth > 0 {
                result.append(SourceLine(number: line.number, text: ""))
                removed.insert(line.number)
            } else {
                result.append(line)
            }
        }
        return (result, removed)
    }

    private static func firstHeading(_ blocks: [Block]) -> String? {
        blocks.lazy.compactMap { block -> String? in
            if case .heading(let heading) = block { return InlineText.flat(heading.text) }
            return nil
        }.first
    }
}

/// AsciiDoc as a line dialect: the document title and section titles, attribute entries and
/// block attributes, block titles, delimited blocks (tables among them), lists and `term::`
/// definitions; any other line begins a paragraph, which `NOTE:` or a `[NOTE]` before it makes
/// a note.
struct AsciiDocDialect: LineDialect {
    static let maximumDepth = 16
    private(set) var title: String?
    private(set) var titleLine: Int?
    var chrome: Set<Int> = []
    private var attributes: [String: String] = [:]
    /// `[NOTE]` (and its kin) before the next block: that block is a note.
    private var pendingAdmonition = false
    /// `[%header]`, `[options="header"]`: the next table's first row is its header.
    private var pendingHeader = false
    /// `[cols="20%,80%"]`: how many columns the next table has.
    private var pendingColumns: Int?

    private static let admonitions = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]

    static let rules: [LineRule<AsciiDocDialect>] = [
        LineRule("comment") { dialect, spot in
            guard spot.text.hasPrefix("//"), !spot.text.hasPrefix("////") else { return nil }
            dialect.chrome.insert(spot.line.number)
            return BlockMatch([], end: spot.index + 1)
        },
        LineRule("section title", interrupts: { _, spot in AsciiDocDialect.sectionLevel(spot.text) != nil }) { dialect, spot in
            // `= Title`, `== Section`.
            guard let level = AsciiDocDialect.sectionLevel(spot.text) else { return nil }
            let heading = dialect.sectionTitle(String(spot.text.dropFirst(level + 1)))
            if level == 0, dialect.title == nil {
                dialect.title = heading
                dialect.titleLine = spot.line.number
                return BlockMatch([], end: spot.index + 1)
            }
            let line = spot.line.number
            return BlockMatch(.heading(Heading(level: max(level, 1), text: heading, lines: LineRange(start: line, end: line))), end: spot.index + 1)
        },
        LineRule("attribute entry") { dialect, spot in
            guard let (name, value) = AsciiDocDialect.attributeEntry(spot.text) else { return nil }
            dialect.attributes[name] = value
            dialect.chrome.insert(spot.line.number)
            return BlockMatch([], end: spot.index + 1)
        },
        LineRule("block attributes") { dialect, spot in
            let text = spot.text
            guard text.hasPrefix("["), text.hasSuffix("]") else { return nil }
            let inner = String(text.dropFirst().dropLast())
            if AsciiDocDialect.admonitions.contains(inner) { dialect.pendingAdmonition = true }
            if inner.contains("header") { dialect.pendingHeader = true }
            if let columns = AsciiDocTable.columnCount(attributes: inner) { dialect.pendingColumns = columns }
            dialect.chrome.insert(spot.line.number)
            return BlockMatch([], end: spot.index + 1)
        },
        LineRule("block title") { dialect, spot in
            // `.Fix`: a block title, which names (and may label) the block under it.
            let text = spot.text
            guard text.hasPrefix("."), text.count > 1, let second = text.dropFirst().first, second.isLetter else { return nil }
            let line = spot.line.number
            return BlockMatch(.paragraph(Paragraph(text: dialect.inline(String(text.dropFirst())), lines: LineRange(start: line, end: line))), end: spot.index + 1)
        },
        LineRule("delimited block", interrupts: { _, spot in AsciiDocDialect.delimiter(spot.text) != nil }) { dialect, spot in
            guard let delimiter = AsciiDocDialect.delimiter(spot.text) else { return nil }
            let lines = spot.lines
            let end = lines[(spot.index + 1)...].firstIndex { $0.trimmed == spot.text } ?? lines.count
            let inner = Array(lines[(spot.index + 1)..<end])
            let range = LineRange(start: spot.line.number, end: lines[min(end, lines.count - 1)].number)
            return BlockMatch(dialect.delimited(delimiter, inner, range: range, depth: spot.depth), end: min(end + 1, lines.count))
        },
        LineRule("list", interrupts: { _, spot in AsciiDocListMarker(spot.text) != nil }) { dialect, spot in
            guard let marker = AsciiDocListMarker(spot.text) else { return nil }
            return dialect.list(spot, marker: marker)
        },
        LineRule("definition") { dialect, spot in
            guard let (term, rest) = AsciiDocDialect.definitionTerm(spot.text) else { return nil }
            let (definition, end) = dialect.definition(spot, term: term, rest: rest)
            return BlockMatch(.definitions(DefinitionList(items: [definition], lines: definition.lines)), end: end, continuesDefinitions: true)
        },
    ]

    func inlineText(_ line: SourceLine) -> String { inline(line.trimmed) }

    mutating func readParagraph(_ spot: LineSpot) -> BlockMatch {
        let lines = spot.lines
        var end = spot.index + 1
        while end < lines.count, !lines[end].isBlank, Self.delimiter(lines[end].trimmed) == nil,
            AsciiDocListMarker(lines[end].trimmed) == nil, Self.sectionLevel(lines[end].trimmed) == nil
        {
            end += 1
        }
        var block = paragraph(of: lines[spot.index..<end])
        if case .paragraph(var paragraph) = block,
            let admonition = Self.admonitions.first(where: { paragraph.text.hasPrefix($0 + ": ") })
        {
            paragraph.text = String(paragraph.text.dropFirst(admonition.count + 2))
            block = .note(Note(blocks: [.paragraph(paragraph)], lines: paragraph.lines))
        } else if pendingAdmonition {
            block = .note(Note(blocks: [block], lines: block.lines))
        }
        pendingAdmonition = false
        return BlockMatch(block, end: end)
    }

    /// `== Title` → 1, `= Title` → 0.
    private static func sectionLevel(_ text: String) -> Int? {
        let marks = text.prefix { $0 == "=" }
        guard (1...6).contains(marks.count), text.dropFirst(marks.count).first == " " else { return nil }
        return marks.count - 1
    }

    /// A section title without the attribute references and anchors after it.
    private func sectionTitle(_ raw: String) -> String {
        var words = raw.trimmingWhitespace().split(separator: " ").map(String.init)
        var references: [String] = []
        // Trailing words that are only attribute references, bracketed or not: `{use}`, `({DELETE})`.
        while let last = words.last {
            let bare = last.trimmingCharacters(in: "()[],/")
            guard bare.hasPrefix("{"), bare.hasSuffix("}"), bare.count > 2, !bare.dropFirst().dropLast().containsBytes("{") else { break }
            references.insert(String(bare.dropFirst().dropLast()), at: 0)
            words.removeLast()
        }
        var text = words.joined(separator: " ")
        if text.hasSuffix("]]"), let open = text.range(of: "[[", options: .backwards) {
            text = String(text[..<open.lowerBound]).trimmingWhitespace()
        }
        // A title that is only references (a legend's `==== {use}`) is known by their names.
        return text.isEmpty ? references.joined(separator: " ") : inline(text)
    }

    private static func attributeEntry(_ text: String) -> (String, String)? {
        guard text.hasPrefix(":"), let close = text.dropFirst().firstIndex(of: ":") else { return nil }
        let name = text[text.index(after: text.startIndex)..<close]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "!" }) else { return nil }
        return (String(name), text[text.index(after: close)...].trimmingWhitespace())
    }

    private enum Delimiter { case listing, literal, example, sidebar, quote, passthrough, comment, table }

    /// `|===` (any number of `=` from three on) opens a table; a line of four or more of one
    /// mark opens the block it names.
    private static func delimiter(_ text: String) -> Delimiter? {
        if let first = text.first, "|,:!".contains(first), text.count >= 4, text.dropFirst().allSatisfy({ $0 == "=" }) {
            return .table
        }
        guard text.count >= 4, let first = text.first, text.allSatisfy({ $0 == first }) else { return nil }
        switch first {
        case "-": return .listing
        case ".": return .literal
        case "=": return .example
        case "*": return .sidebar
        case "_": return .quote
        case "+": return .passthrough
        case "/": return .comment
        default: return nil
        }
    }

    private mutating func delimited(_ delimiter: Delimiter, _ inner: [SourceLine], range: LineRange, depth: Int) -> [Block] {
        defer { pendingAdmonition = false }
        switch delimiter {
        case .listing, .literal:
            return [.code(CodeBlock(text: inner.map(\.text).joined(separator: "\n"), language: nil, lines: range))]
        case .comment:
            for number in range.start...range.end { chrome.insert(number) }
            return []
        case .passthrough:
            return HTMLReader.fragment(inner.map(\.text).joined(separator: "\n"), firstLine: inner.first?.number ?? range.start)
        case .sidebar, .quote:
            return [.note(Note(blocks: parse(inner, depth: depth + 1), lines: range))]
        case .example:
            let blocks = parse(inner, depth: depth + 1)
            return pendingAdmonition ? [.note(Note(blocks: blocks, lines: range))] : blocks
        case .table:
            defer {
                pendingHeader = false
                pendingColumns = nil
            }
            return AsciiDocTable.read(inner, range: range, header: pendingHeader, columns: pendingColumns, inline: { self.inline($0) })
                .map { [.table($0)] } ?? []
        }
    }

    // MARK: Lists and definitions

    private mutating func list(_ spot: LineSpot, marker: AsciiDocListMarker) -> BlockMatch {
        let lines = spot.lines
        var items: [ListItem] = []
        var index = spot.index
        while index < lines.count, let itemMarker = AsciiDocListMarker(lines[index].trimmed), itemMarker.mark == marker.mark {
            var body = [SourceLine(number: lines[index].number, text: itemMarker.rest)]
            var end = index + 1
            // The item's own lines, and blocks joined to it by a `+` line; a deeper marker nests.
            while end < lines.count, !lines[end].isBlank, AsciiDocListMarker(lines[end].trimmed).map({ $0.mark != marker.mark }) ?? true,
                Self.delimiter(lines[end].trimmed) == nil || lines[end - 1].trimmed == "+"
            {
                if lines[end].trimmed != "+" { body.append(SourceLine(number: lines[end].number, text: lines[end].trimmed)) }
                end += 1
            }
            items.append(
                ListItem(blocks: parse(body, depth: spot.depth + 1), lines: LineRange(start: lines[index].number, end: lines[end - 1].number)))
            index = end
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            guard next < lines.count, AsciiDocListMarker(lines[next].trimmed)?.mark == marker.mark else { break }
            index = next
        }
        let range = LineRange(start: spot.line.number, end: items.last?.lines.end ?? spot.line.number)
        return BlockMatch(.list(BlockList(ordered: marker.mark.hasPrefix("."), items: items, lines: range)), end: index)
    }

    /// `term:: definition`, `term::` alone, `term;; definition`.
    private static func definitionTerm(_ text: String) -> (String, String)? {
        for separator in ["::", ";;"] {
            guard let range = text.range(of: separator) else { continue }
            let term = text[..<range.lowerBound].trimmingWhitespace()
            let after = text[range.upperBound...]
            guard !term.isEmpty, after.isEmpty || after.first == " " else { continue }
            return (term, after.trimmingWhitespace())
        }
        return nil
    }

    private mutating func definition(_ spot: LineSpot, term: String, rest: String) -> (Definition, Int) {
        let lines = spot.lines
        let index = spot.index
        var body = rest.isEmpty ? [] : [SourceLine(number: lines[index].number, text: rest)]
        var end = index + 1
        while end < lines.count, !lines[end].isBlank || body.isEmpty && end == index + 1,
            Self.definitionTerm(lines[end].trimmed) == nil
        {
            if !lines[end].isBlank { body.append(SourceLine(number: lines[end].number, text: lines[end].trimmed)) }
            end += 1
        }
        let range = LineRange(start: lines[index].number, end: lines[max(index, end - 1)].number)
        return (
            Definition(
                term: inline(term), termLines: LineRange(start: lines[index].number, end: lines[index].number),
                blocks: parse(body, depth: spot.depth + 1), lines: range),
            end
        )
    }

    // MARK: Inline markup

    /// `ename:VK_SUCCESS` at `start`: a short lower-case macro name, a colon, and an identifier
    /// with no brackets after it (`link:url[text]` and `xref:` are links, read below).
    private static func identifierMacro(_ text: String, at start: String.Index) -> (String, String.Index)? {
        let name = text[start...].prefix { $0.isASCII && $0.isLowercase }
        guard (2...8).contains(name.count), !["link", "xref", "image", "mailto", "http", "https", "ftp", "kbd", "btn", "menu", "pass", "footnote"].contains(String(name)),
            let colon = text.index(start, offsetBy: name.count, limitedBy: text.endIndex), colon < text.endIndex, text[colon] == ":"
        else { return nil }
        let targetStart = text.index(after: colon)
        let target = text[targetStart...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard let first = target.first, first.isLetter || first == "_" else { return nil }
        let end = target.endIndex
        if end < text.endIndex, text[end] == "[" || text[end] == ":" { return nil }
        return (String(target), end)
    }

    /// AsciiDoc's inline markup as inline text: `*strong*` and `**strong**`, `` `code` `` and
    /// `+code+`, `_emphasis_`, cross references and links as their text, attribute references as
    /// their values (or their names, when the page does not define them).
    func inline(_ text: String) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            // `ename:VK_SUCCESS`, `fname:vkCreateDevice`: a site's own inline macro naming an API
            // identifier, shown as code.
            if character.isLowercase, result.last.map({ !$0.isLetter && !$0.isNumber }) ?? true,
                let (target, end) = Self.identifierMacro(text, at: index)
            {
                result += "`" + target + "`"
                index = end
                continue
            }
            if character == "{", let close = text[next...].firstIndex(of: "}"), close > next,
                text[next..<close].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            {
                let name = String(text[next..<close])
                result += attributes[name] ?? name
                index = text.index(after: close)
                continue
            }
            if character == "<", text[next...].hasPrefix("<"), let close = text[next...].range(of: ">>") {
                let inner = text[text.index(after: next)..<close.lowerBound]
                result += inner.split(separator: ",", maxSplits: 1).last.map { $0.trimmingWhitespace() } ?? ""
                index = close.upperBound
                continue
            }
            if character == "[", let close = text[next...].firstIndex(of: "]"), result.last.map({ !$0.isWhitespace }) ?? false,
                let linkStart = result.range(of: "http", options: .backwards) ?? result.range(of: "link:", options: .backwards),
                !result[linkStart.lowerBound...].containsBytes(" ")
            {
                // `https://example.com[text]`: the text stands for the link.
                result.removeSubrange(linkStart.lowerBound...)
                result += text[next..<close]
                index = text.index(after: close)
                continue
            }
            if character == "*", !(result.last?.isLetter ?? false) {
                let double = text[next...].hasPrefix("*")
                let contentStart = double ? text.index(after: next) : next
                if contentStart < text.endIndex, let close = text[contentStart...].firstIndex(of: "*"), close > contentStart {
                    result += "**" + text[contentStart..<close] + "**"
                    index = text.index(close, offsetBy: double ? 2 : 1, limitedBy: text.endIndex) ?? text.endIndex
                    continue
                }
            }
            // `+code+`: opened before a word and closed after one, never a lone ` + `.
            if character == "+", next < text.endIndex, !text[next].isWhitespace, let close = text[next...].firstIndex(of: "+"), close > next,
                !text[text.index(before: close)].isWhitespace, !(result.last?.isLetter ?? false)
            {
                result += "`" + text[next..<close] + "`"
                index = text.index(after: close)
                continue
            }
            // `_zmq_poller_new_`: emphasis closes at the `_` that ends a word, not one inside it.
            if character == "_", !(result.last?.isLetter ?? false),
                let close = text[next...].indices.first(where: { position in
                    text[position] == "_" && position > next
                        && (text.index(after: position) == text.endIndex || !(text[text.index(after: position)].isLetter || text[text.index(after: position)].isNumber))
                })
            {
                result += text[next..<close]
                index = text.index(after: close)
                continue
            }
            result.append(character)
            index = next
        }
        return result
    }
}

/// `* item`, `** nested`, `- item`, `. ordered`, `1. ordered`.
/// `* item`, `** nested`, `- item`, `. ordered`, `1. ordered`.
struct AsciiDocListMarker {
    var mark: String
    var rest: String

    init?(_ text: String) {
        let marks = text.prefix { $0 == "*" || $0 == "." || $0 == "-" }
        if !marks.isEmpty, marks.count <= 5, Set(marks).count == 1, text.dropFirst(marks.count).first == " " {
            mark = String(marks)
        } else {
            let digits = text.prefix { $0.isNumber }
            guard !digits.isEmpty, digits.count <= 3, text.dropFirst(digits.count).hasPrefix(". ") else { return nil }
            mark = "."
            rest = text.dropFirst(digits.count + 2).trimmingWhitespace()
            if rest.isEmpty { return nil }
            return
        }
        rest = text.dropFirst(marks.count).trimmingWhitespace()
        guard !rest.isEmpty, mark != "-" || marks.count == 1 else { return nil }
    }
}
