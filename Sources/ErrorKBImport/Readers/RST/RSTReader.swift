import ErrorKBCore

/// reStructuredText pages (Sphinx, OpenStack, Open Telekom Cloud): section titles by their
/// adornment, grid tables (`+----+`) and simple tables (`====  ====`) whose cells are read as
/// blocks of their own (so a `.. note::` in a Solution cell is a note), `list-table`, notes and
/// other admonitions, code and literal blocks, lists, definition lists and field lists.
///
/// Written by hand: no Swift or C library parses reStructuredText (docutils is Python), and the
/// part pages use is small enough to read by its lines, as a line dialect (`RSTDialect`).
enum RSTReader {
    static func read(_ source: SourceText) -> DocumentModel {
        var dialect = RSTDialect()
        let blocks = dialect.parse(source.lines.map(expandingTabs), depth: 0)
        let heading = blocks.lazy.compactMap { block -> Heading? in
            if case .heading(let heading) = block { return heading }
            return nil
        }.first
        return DocumentModel(
            format: .restructuredText, title: heading.map { InlineText.flat($0.text) }, titleLine: heading?.lines.start,
            blocks: blocks, chrome: dialect.chrome)
    }
}

/// Tabs in a line's indentation, as docutils reads them: to the next stop of eight columns.
func expandingTabs(_ line: SourceLine) -> SourceLine {
    guard line.text.containsBytes("\t") else { return line }
    var column = 0
    var expanded = ""
    var index = line.text.startIndex
    while index < line.text.endIndex, line.text[index] == " " || line.text[index] == "\t" {
        let width = line.text[index] == "\t" ? 8 - column % 8 : 1
        expanded += String(repeating: " ", count: width)
        column += width
        index = line.text.index(after: index)
    }
    return SourceLine(number: line.number, text: expanded + line.text[index...])
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
                // Sphinx's cross-references: `~aiohttp.ClientError` shows its last name,
                // `!Name` is not linked.
                if inner.hasPrefix("~"), let last = inner.dropFirst().split(separator: ".").last {
                    inner = String(last)
                } else if inner.hasPrefix("!") {
                    inner = String(inner.dropFirst())
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
