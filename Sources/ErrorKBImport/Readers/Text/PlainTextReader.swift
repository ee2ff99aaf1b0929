import ErrorKBCore

/// Plain text and RFC text, read by its lines and their indentation into the same blocks the
/// Markdown and HTML parsers give: numbered and title-shaped headings, paragraphs, lists, RFC
/// hanging definitions (`invalid_request` over an indented paragraph, or `slow_down  A
/// variant...` on one line), indented examples, and tables drawn with pipes or left without
/// borders. RFC page headers, footers and form feeds, and the chrome of pages saved from a
/// browser, are set aside first, so a definition runs on across a page break.
enum PlainTextReader {
    static func read(_ source: SourceText) -> DocumentModel {
        let chrome = TextChrome.lines(source.lines)
        let lines = source.lines.map { chrome.contains($0.number) ? SourceLine(number: $0.number, text: "") : $0 }
        let blocks = TextBlockParser.parse(lines, depth: 0)
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

/// Blocks from lines, by indentation. Nesting (a definition's body, a list item's lines) is
/// read by recursion that stops at `maximumDepth`, past which the lines are one paragraph.
enum TextBlockParser {
    static let maximumDepth = 24

    static func parse(_ lines: [SourceLine], depth: Int) -> [Block] {
        var blocks: [Block] = []
        var index = 0
        // A title-shaped line right under running text is more of that text, not a heading.
        var afterProse = false
        var proseIndentation = 0
        while index < lines.count {
            let line = lines[index]
            if line.isBlank {
                afterProse = false
                index += 1
                continue
            }
            let text = line.trimmed
            if depth >= maximumDepth {
                let rest = lines[index...].filter { !$0.isBlank }
                blocks.append(paragraph(rest))
                break
            }
            if text.hasPrefix("```") || text.hasPrefix("~~~") {
                let (block, end) = fencedCode(lines, at: index)
                blocks.append(block)
                index = end
                afterProse = false
                continue
            }
            if text.containsBytes("|"), let (table, end) = PipeTableLines.read(lines, at: index) {
                blocks.append(.table(table))
                index = end
                afterProse = false
                continue
            }
            if !afterProse, let (table, end) = BorderlessTableLines.read(lines, at: index) {
                blocks.append(.table(table))
                index = end
                afterProse = false
                continue
            }
            if let heading = markdownHeading(line) ?? numberedHeading(line) {
                blocks.append(.heading(heading))
                index += 1
                afterProse = false
                continue
            }
            if let marker = ListMarker(text) {
                let (list, end) = self.list(lines, at: index, marker: marker, depth: depth)
                blocks.append(list)
                index = end
                afterProse = false
                continue
            }
            if let (definitions, end) = self.definitions(lines, at: index, depth: depth) {
                blocks.append(definitions)
                index = end
                afterProse = false
                continue
            }
            if !afterProse, line.indentation == 0 || depth == 0 && line.indentation <= 1, LineShape.heading(text) != nil,
                !continuesInLowerCase(lines, after: index)
            {
                blocks.append(.heading(Heading(level: 1, text: text, lines: LineRange(start: line.number, end: line.number))))
                index += 1
                continue
            }
            if afterProse || !blocks.isEmpty, line.indentation > proseIndentation, Self.looksLikeCode(text) {
                let (block, end) = indentedCode(lines, at: index)
                blocks.append(block)
                index = end
                afterProse = false
                continue
            }
            let end = paragraphEnd(lines, from: index)
            blocks.append(paragraph(Array(lines[index..<end])))
            proseIndentation = line.indentation
            afterProse = true
            index = end
        }
        return blocks
    }

    private static func paragraph(_ lines: [SourceLine]) -> Block {
        let first = lines.first?.number ?? 1
        return .paragraph(
            Paragraph(
                text: lines.map(\.trimmed).joined(separator: "\n"),
                lines: LineRange(start: first, end: lines.last?.number ?? first)))
    }

    /// A paragraph runs to a blank line, or to a line that starts another block.
    private static func paragraphEnd(_ lines: [SourceLine], from start: Int) -> Int {
        let indentation = lines[start].indentation
        var end = start + 1
        while end < lines.count {
            let line = lines[end]
            let text = line.trimmed
            if line.isBlank || line.indentation < indentation && indentation > 0 { break }
            if text.hasPrefix("#") || text.hasPrefix("```") || ListMarker(text) != nil { break }
            if text.containsBytes("|"), PipeTableLines.read(lines, at: end) != nil { break }
            if numberedHeading(line) != nil { break }
            end += 1
        }
        return end
    }

    /// `## Errors` in a text file.
    private static func markdownHeading(_ line: SourceLine) -> Heading? {
        let text = line.trimmed
        guard text.hasPrefix("#") else { return nil }
        let level = text.prefix { $0 == "#" }.count
        let rest = text.dropFirst(level)
        guard (1...6).contains(level), rest.first == " ", !rest.trimmingWhitespace().isEmpty else { return nil }
        return Heading(level: level, text: rest.trimmingWhitespace(), lines: LineRange(start: line.number, end: line.number))
    }

    /// `4.1.2.1.  Error Response` (level 4), `Appendix B.  Notices` (level 1), flush left.
    static func numberedHeading(_ line: SourceLine) -> Heading? {
        guard line.indentation == 0 else { return nil }
        var text = line.trimmed
        var level = 0
        if text.hasPrefix("Appendix "), let dot = text.firstIndex(of: "."), text.distance(from: text.startIndex, to: dot) <= 12 {
            level = 1
            text = String(text[text.index(after: dot)...])
        } else {
            let number = text.prefix { $0.isNumber || $0 == "." }
            guard number.hasSuffix("."), number.first?.isNumber == true, !number.containsBytes("..") else { return nil }
            level = number.split(separator: ".").count
            text = String(text.dropFirst(number.count))
            // `1. Log in` is a list item; RFCs set a heading's number apart with two spaces.
            guard level > 1 || text.hasPrefix("  ") || text.hasPrefix("\t") else { return nil }
        }
        guard text.first == " " || text.first == "\t" else { return nil }
        let title = text.trimmingWhitespace()
        guard !title.isEmpty, title.count <= 90, title.last.map({ !".,;".contains($0) }) ?? false,
            title.first.map({ $0.isUppercase || $0.isNumber || $0 == "\"" }) ?? false
        else { return nil }
        return Heading(level: level, text: title, lines: LineRange(start: line.number, end: line.number))
    }

    /// The next line goes on with the sentence: a title-shaped first line of a paragraph.
    private static func continuesInLowerCase(_ lines: [SourceLine], after index: Int) -> Bool {
        guard index + 1 < lines.count else { return false }
        let next = lines[index + 1]
        return !next.isBlank && next.indentation == lines[index].indentation && next.trimmed.first?.isLowercase == true
    }

    private static func fencedCode(_ lines: [SourceLine], at start: Int) -> (Block, Int) {
        let fence = String(lines[start].trimmed.prefix(3))
        var end = start + 1
        while end < lines.count, !lines[end].trimmed.hasPrefix(fence) { end += 1 }
        let last = min(end, lines.count - 1)
        let body = lines[(start + 1)..<max(start + 1, min(end, lines.count))].map(\.text).joined(separator: "\n")
        let language = lines[start].trimmed.dropFirst(3).trimmingWhitespace()
        return (
            .code(
                CodeBlock(
                    text: body, language: language.isEmpty ? nil : language,
                    lines: LineRange(start: lines[start].number, end: lines[last].number))),
            min(end + 1, lines.count)
        )
    }

    /// An example indented under the text it illustrates: it runs while lines stay as deep.
    private static func indentedCode(_ lines: [SourceLine], at start: Int) -> (Block, Int) {
        let indentation = lines[start].indentation
        var end = start + 1
        var last = start
        while end < lines.count, lines[end].isBlank || lines[end].indentation >= indentation {
            if !lines[end].isBlank { last = end }
            end += 1
        }
        let body = lines[start...last].map(\.text).joined(separator: "\n")
        return (
            .code(CodeBlock(text: body, language: nil, lines: LineRange(start: lines[start].number, end: lines[last].number))),
            last + 1
        )
    }

    /// The first line of an example message, request or payload.
    static func looksLikeCode(_ text: String) -> Bool {
        let starts = ["HTTP/", "{", "[", "<", "GET ", "POST ", "PUT ", "PATCH ", "DELETE ", "HEAD ", "Host:", "Content-Type:",
            "Location:", "WWW-Authenticate:", "Cache-Control:", "Authorization:", "$ ", "curl ", "\""]
        return starts.contains { text.hasPrefix($0) }
    }

    // MARK: Lists

    private static func list(_ lines: [SourceLine], at start: Int, marker: ListMarker, depth: Int) -> (Block, Int) {
        let indentation = lines[start].indentation
        var items: [ListItem] = []
        var index = start
        while index < lines.count {
            let line = lines[index]
            guard !line.isBlank, line.indentation == indentation, let itemMarker = ListMarker(line.trimmed),
                itemMarker.ordered == marker.ordered
            else { break }
            // The item's own lines: its first, then any indented deeper (blank lines inside allowed).
            var body = [SourceLine(number: line.number, text: String(repeating: " ", count: indentation + 2) + itemMarker.rest)]
            var end = index + 1
            var lastContent = index
            while end < lines.count {
                let next = lines[end]
                if next.isBlank {
                    end += 1
                    continue
                }
                guard next.indentation > indentation else { break }
                lastContent = end
                end += 1
            }
            if lastContent > index { body += lines[(index + 1)...lastContent] }
            let blocks = parse(body, depth: depth + 1)
            items.append(
                ListItem(blocks: blocks, lines: LineRange(start: line.number, end: lines[lastContent].number)))
            index = lastContent + 1
            // Items follow one another, perhaps after a blank line.
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            guard next < lines.count, lines[next].indentation == indentation, ListMarker(lines[next].trimmed) != nil else { break }
            index = next
        }
        let range = LineRange(start: lines[start].number, end: items.last?.lines.end ?? lines[start].number)
        return (.list(BlockList(ordered: marker.ordered, items: items, lines: range)), index)
    }

    // MARK: Definitions

    /// A run of definitions at one indentation, each a term over an indented body, or a term
    /// and its text on one line (`slow_down  A variant of ...`).
    private static func definitions(_ lines: [SourceLine], at start: Int, depth: Int) -> (Block, Int)? {
        let indentation = lines[start].indentation
        var items: [Definition] = []
        var index = start
        while index < lines.count, lines[index].indentation == indentation, !lines[index].isBlank,
            let (definition, end) = definition(lines, at: index, depth: depth)
        {
            items.append(definition)
            index = end
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            guard next < lines.count, lines[next].indentation == indentation else { break }
            index = next
        }
        guard !items.isEmpty, let first = items.first, let last = items.last else { return nil }
        return (.definitions(DefinitionList(items: items, lines: first.lines.union(last.lines))), index)
    }

    private static func definition(_ lines: [SourceLine], at start: Int, depth: Int) -> (Definition, Int)? {
        let line = lines[start]
        let indentation = line.indentation
        let text = line.trimmed
        let hanging = hangingTerm(text)
        // The cheap questions first, so a line that is no term costs no scan of what follows.
        if hanging == nil {
            guard indentation > 0, isTerm(text) else { return nil }
            // The body starts within two blank lines of its term, indented deeper.
            var next = start + 1
            while next < lines.count, lines[next].isBlank, next - start <= 3 { next += 1 }
            guard next < lines.count, next - start <= 3, !lines[next].isBlank, lines[next].indentation > indentation
            else { return nil }
        }
        // The body: every following line indented deeper, with blank lines between.
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
        let termLines = LineRange(start: line.number, end: line.number)
        let bodyLines = lastContent > start ? Array(lines[(start + 1)...lastContent]) : []
        let range = LineRange(start: line.number, end: lines[lastContent].number)
        if let (term, rest) = hanging {
            // The text goes on from the term's line into the indented lines below it.
            let bodyIndentation = indentation + 4
            let opening = SourceLine(number: line.number, text: String(repeating: " ", count: bodyIndentation) + rest)
            let body = bodyLines.map { $0.indentation >= bodyIndentation || $0.isBlank ? $0 : reindented($0, to: bodyIndentation) }
            let blocks = parse([opening] + body, depth: depth + 1)
            return (Definition(term: term, termLines: termLines, blocks: blocks, lines: range), lastContent + 1)
        }
        let blocks = parse(bodyLines, depth: depth + 1)
        return (Definition(term: text, termLines: termLines, blocks: blocks, lines: range), lastContent + 1)
    }

    private static func reindented(_ line: SourceLine, to indentation: Int) -> SourceLine {
        SourceLine(number: line.number, text: String(repeating: " ", count: indentation) + line.trimmed)
    }

    /// A line that can stand over a body: short, and not a sentence or a lead-in.
    private static func isTerm(_ text: String) -> Bool {
        guard let last = text.last, !".,;!?".contains(last), text.count <= 80 else { return false }
        let words = text.split(separator: " ")
        if last == ":" { return words.count == 1 }
        return words.count <= 8
    }

    /// `slow_down  A variant of ...` → (`slow_down`, `A variant of ...`): one token, two or
    /// more spaces, and the text.
    private static func hangingTerm(_ text: String) -> (String, String)? {
        guard let gap = text.range(of: "  ") else { return nil }
        var term = String(text[..<gap.lowerBound])
        let rest = text[gap.upperBound...].trimmingWhitespace()
        guard !term.isEmpty, !rest.isEmpty, !term.containsBytes(" "), ListMarker(text) == nil else { return nil }
        if term.hasSuffix(":") { term.removeLast() }
        let identifier = term.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == "."
        }
        guard identifier, term.last != ".", term.unicodeScalars.first.map({ $0.properties.isAlphabetic || ("0"..."9").contains($0) }) ?? false
        else { return nil }
        return (term, rest)
    }
}

/// `- `, `* `, `+ `, `• `, `1. `, `1) `: the mark that starts a list item, and the text after it.
struct ListMarker {
    var ordered: Bool
    var rest: String

    init?(_ text: String) {
        for bullet in ["- ", "* ", "+ ", "• ", "– "] where text.hasPrefix(bullet) {
            ordered = false
            rest = String(text.dropFirst(bullet.count)).trimmingWhitespace()
            guard !rest.isEmpty else { return nil }
            return
        }
        let digits = text.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let after = text.dropFirst(digits.count)
        guard after.hasPrefix(". ") || after.hasPrefix(") ") else { return nil }
        ordered = true
        rest = String(after.dropFirst(2)).trimmingWhitespace()
        guard !rest.isEmpty else { return nil }
    }
}
