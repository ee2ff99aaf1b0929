import ErrorKBCore

/// Perl's Plain Old Documentation (perlpod), the markup of OpenSSL's and Perl's manual pages:
/// `=head1` headings, `=over` / `=item` / `=back` lists whose items are terms over their
/// paragraphs, verbatim (indented) paragraphs as code, and `B<>`, `C<>`, `I<>`, `L<>`, `E<>`
/// formatting codes. The page's title is the name its `NAME` section gives.
///
/// Written by hand: POD's parsers are Perl, and its block grammar is a handful of commands.
enum PODReader {
    static func read(_ source: SourceText) -> DocumentModel {
        var dialect = PODDialect()
        let blocks = dialect.parse(source.lines, depth: 0)
        return DocumentModel(format: .pod, title: title(blocks), blocks: blocks, chrome: dialect.chrome)
    }

    /// A page is POD when its commands start lines: `=head1`, `=item`, `=pod`.
    static func looksLikePOD(_ lines: [SourceLine]) -> Bool {
        lines.prefix(2_000).filter { line in ["=head1 ", "=head2 ", "=item ", "=pod", "=over"].contains { line.text.hasPrefix($0) } }.count >= 2
    }

    /// `SSL_get_error - obtain result code ...` under `=head1 NAME`: the name before the dash.
    private static func title(_ blocks: [Block]) -> String? {
        for (index, block) in blocks.enumerated() {
            guard case .heading(let heading) = block, heading.text.uppercased() == "NAME", index + 1 < blocks.count,
                case .paragraph(let paragraph) = blocks[index + 1]
            else { continue }
            let name = InlineText.flat(paragraph.text).split(separator: " ").first.map(String.init)
            return name?.trimmingCharacters(in: ",")
        }
        return blocks.lazy.compactMap { if case .heading(let heading) = $0 { heading.text } else { nil } }.first
    }
}

/// POD as a line dialect.
struct PODDialect: LineDialect {
    static let maximumDepth = 16
    var chrome: Set<Int> = []

    static let rules: [LineRule<PODDialect>] = [
        LineRule("command", interrupts: { _, spot in spot.line.text.hasPrefix("=") }) { dialect, spot in
            let text = spot.line.text
            guard text.hasPrefix("="), let first = text.dropFirst().first, first.isLetter else { return nil }
            let command = text.dropFirst().prefix { $0.isLetter || $0.isNumber }
            let argument = text.dropFirst(command.count + 1).trimmingWhitespace()
            let line = spot.line.number
            switch command {
            case "head1", "head2", "head3", "head4", "head5", "head6":
                let level = Int(command.dropFirst(4)) ?? 1
                return BlockMatch(.heading(Heading(level: level, text: PODInline.render(argument), lines: LineRange(start: line, end: line))), end: spot.index + 1)
            case "item":
                return dialect.item(spot, term: argument)
            case "begin":
                // `=begin html` ... `=end html`: output for one formatter only.
                var end = spot.index + 1
                while end < spot.lines.count, !spot.lines[end].text.hasPrefix("=end") { end += 1 }
                for number in spot.lines[spot.index..<min(end + 1, spot.lines.count)].map(\.number) { dialect.chrome.insert(number) }
                return BlockMatch([], end: min(end + 1, spot.lines.count))
            default:
                // `=pod`, `=cut`, `=over 4`, `=back`, `=for`, `=encoding`: structure, no content.
                dialect.chrome.insert(line)
                return BlockMatch([], end: spot.index + 1)
            }
        },
        LineRule("verbatim") { _, spot in
            guard spot.line.indentation > 0 else { return nil }
            return LineRules.indentedCode(spot)
        },
    ]

    func inlineText(_ line: SourceLine) -> String { PODInline.render(line.trimmed) }

    mutating func readParagraph(_ spot: LineSpot) -> BlockMatch {
        let end = paragraphEnd(from: spot, sameIndentation: true)
        return BlockMatch(paragraph(of: spot.lines[spot.index..<end]), end: end)
    }

    /// `=item SSL_ERROR_NONE` and the paragraphs up to the next `=item`, `=back` or heading: a
    /// definition. (`=item *` and `=item 1.` are bullets, read the same way: their text is the
    /// term.)
    private mutating func item(_ spot: LineSpot, term: String) -> BlockMatch {
        var end = spot.index + 1
        var depth = 0
        while end < spot.lines.count {
            let text = spot.lines[end].text
            if text.hasPrefix("=over") { depth += 1 }
            if text.hasPrefix("=back") {
                if depth == 0 { break }
                depth -= 1
            }
            if depth == 0, text.hasPrefix("=item") || text.hasPrefix("=head") { break }
            end += 1
        }
        let body = Array(spot.lines[(spot.index + 1)..<end])
        let lines = LineRange(start: spot.line.number, end: spot.lines[max(spot.index, end - 1)].number)
        let definition = Definition(
            term: PODInline.render(term), termLines: LineRange(start: spot.line.number, end: spot.line.number),
            blocks: parse(body, depth: spot.depth + 1), lines: lines)
        return BlockMatch(.definitions(DefinitionList(items: [definition], lines: lines)), end: end, continuesDefinitions: true)
    }
}

/// POD's formatting codes as inline text: `B<bold>` strong, `C<code>` a code span, `I<>`, `F<>`,
/// `S<>` plain, `L<text|target>` its text, `E<gt>` the character, `X<>` and `Z<>` nothing.
enum PODInline {
    static func render(_ text: String) -> String {
        guard text.containsBytes("<") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if "BCIFSLEXZ".contains(character), next < text.endIndex, text[next] == "<", result.last.map({ !$0.isLetter }) ?? true,
                let close = closing(text, from: text.index(after: next))
            {
                let inner = String(text[text.index(after: next)..<close])
                switch character {
                case "B": result += "**" + render(inner) + "**"
                case "C": result += "`" + inner + "`"
                case "L": result += render(inner.split(separator: "|").first.map(String.init) ?? inner)
                case "E": result += entity(inner)
                case "X", "Z": break
                default: result += render(inner)
                }
                index = text.index(after: close)
                continue
            }
            result.append(character)
            index = next
        }
        return result
    }

    /// The `>` that closes a formatting code opened just before `start`, nesting counted.
    private static func closing(_ text: String, from start: String.Index) -> String.Index? {
        var depth = 0
        var index = start
        while index < text.endIndex {
            if text[index] == "<", index > text.startIndex, text[text.index(before: index)].isUppercase { depth += 1 }
            if text[index] == ">" {
                if depth == 0 { return index }
                depth -= 1
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func entity(_ name: String) -> String {
        switch name {
        case "gt": ">"
        case "lt": "<"
        case "verbar": "|"
        case "sol": "/"
        default: Int(name).flatMap { Unicode.Scalar($0) }.map { String(Character($0)) } ?? ""
        }
    }
}
