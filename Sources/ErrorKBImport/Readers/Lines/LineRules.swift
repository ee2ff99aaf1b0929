import ErrorKBCore

/// Rules more than one line dialect uses.
enum LineRules {
    /// ```` ``` ```` or `~~~` fenced code, to the closing fence or the end of the lines.
    static func fencedCode<Dialect: LineDialect>() -> LineRule<Dialect> {
        LineRule("fenced code", interrupts: { _, spot in spot.text.hasPrefix("```") || spot.text.hasPrefix("~~~") }) { _, spot in
            let text = spot.text
            guard text.hasPrefix("```") || text.hasPrefix("~~~") else { return nil }
            let lines = spot.lines
            let start = spot.index
            let fence = String(text.prefix(3))
            var end = start + 1
            while end < lines.count, !lines[end].trimmed.hasPrefix(fence) { end += 1 }
            let last = min(end, lines.count - 1)
            let body = lines[(start + 1)..<max(start + 1, min(end, lines.count))].map(\.text).joined(separator: "\n")
            let language = text.dropFirst(3).trimmingWhitespace()
            let code = CodeBlock(
                text: body, language: language.isEmpty ? nil : language,
                lines: LineRange(start: lines[start].number, end: lines[last].number))
            return BlockMatch(.code(code), end: min(end + 1, lines.count))
        }
    }

    /// An example indented under the text it illustrates: it runs while lines stay as deep.
    static func indentedCode(_ spot: LineSpot) -> BlockMatch {
        let lines = spot.lines
        let indentation = spot.line.indentation
        var end = spot.index + 1
        var last = spot.index
        while end < lines.count, lines[end].isBlank || lines[end].indentation >= indentation {
            if !lines[end].isBlank { last = end }
            end += 1
        }
        let body = lines[spot.index...last].map(\.text).joined(separator: "\n")
        let code = CodeBlock(text: body, language: nil, lines: LineRange(start: lines[spot.index].number, end: lines[last].number))
        return BlockMatch(.code(code), end: last + 1)
    }
}
