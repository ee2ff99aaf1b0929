import ErrorKBCore
import Foundation

/// Turns an HTML page into the plain lines the layout readers know: each table row becomes a
/// pipe row (with a separator under the header row, and `rowspan` cells repeated below), each
/// heading, paragraph and list item a line of its own. Every line keeps the number of the source
/// line its element started on. One linear pass, no recursion, so nesting depth costs nothing.
enum HTMLFlattener {
    static func looksLikeHTML(_ lines: [SourceLine]) -> Bool {
        let head = lines.prefix(40).map { $0.text.lowercased() }.joined(separator: "\n")
        return head.containsBytes("<html") || head.containsBytes("<!doctype html") || head.containsBytes("<table")
            || head.containsBytes("<body") || (head.containsBytes("<p>") && head.containsBytes("</p>"))
            || head.containsBytes("<h1") || head.containsBytes("<h2")
    }

    static func flatten(_ lines: [SourceLine]) -> [SourceLine] {
        var output = Output()
        var table: TableState?
        var skipping: String?
        for line in lines {
            var rest = Substring(line.text)
            while !rest.isEmpty {
                guard let open = rest.firstIndex(of: "<") else {
                    if skipping == nil { output.text(String(rest), line: line.number, table: &table) }
                    break
                }
                if skipping == nil, open > rest.startIndex {
                    output.text(String(rest[..<open]), line: line.number, table: &table)
                }
                guard let close = rest[open...].firstIndex(of: ">") else {
                    rest = rest[rest.index(after: open)...]
                    continue
                }
                let tag = Tag(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
                if let skipped = skipping {
                    if tag.closing && tag.name == skipped { skipping = nil }
                    continue
                }
                if !tag.closing, ["script", "style", "nav", "header", "footer", "head", "noscript", "svg"].contains(tag.name) {
                    skipping = tag.name
                    continue
                }
                output.handle(tag, line: line.number, table: &table)
            }
            output.softBreak(table: &table)
        }
        output.endBlock()
        return output.lines
    }

    private struct Tag {
        var name: String
        var closing: Bool
        var attributes: String

        init(_ raw: String) {
            var text = Substring(raw)
            closing = text.hasPrefix("/")
            if closing { text = text.dropFirst() }
            let name = text.prefix { $0.isLetter || $0.isNumber }
            self.name = name.lowercased()
            attributes = String(text.dropFirst(name.count)).lowercased()
        }

        /// `rowspan="3"` → 3.
        var rowspan: Int {
            guard let range = attributes.range(of: "rowspan") else { return 1 }
            let digits = attributes[range.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber }
            return min(max(Int(digits) ?? 1, 1), 1000)
        }
    }

    private struct TableState {
        var row: [String] = []
        var rowLine = 0
        var cell: String?
        var cellRowspan = 1
        var headerDone = false
        /// Cells that span down: column → (text, rows still to fill).
        var spans: [Int: (String, Int)] = [:]
    }

    private struct Output {
        var lines: [SourceLine] = []
        var current = ""
        var currentLine = 0

        mutating func text(_ raw: String, line: Int, table: inout TableState?) {
            let decoded = HTMLEntities.decode(raw)
            if table != nil {
                if table?.cell != nil { table?.cell? += decoded }
                return
            }
            if current.trimmingWhitespace().isEmpty { currentLine = line }
            current += decoded
        }

        /// A source line break is a space inside a block, as in a browser.
        mutating func softBreak(table: inout TableState?) {
            if table?.cell != nil { table?.cell? += " " } else if !current.isEmpty { current += " " }
        }

        mutating func endBlock() {
            let text = current.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if !text.isEmpty { lines.append(SourceLine(number: max(currentLine, 1), text: text)) }
            current = ""
        }

        mutating func handle(_ tag: Tag, line: Int, table: inout TableState?) {
            switch tag.name {
            case "table":
                endBlock()
                table = tag.closing ? nil : TableState()
            case "tr" where table != nil:
                if tag.closing { finishRow(&table) } else {
                    finishRow(&table)
                    table?.rowLine = line
                }
            case "td", "th":
                guard table != nil else { return }
                if tag.closing { finishCell(&table) } else {
                    finishCell(&table)
                    table?.cell = ""
                    table?.cellRowspan = tag.rowspan
                }
            case "br":
                if table?.cell != nil { table?.cell? += " " } else { endBlock() }
            case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "section", "article", "ul", "ol",
                "dl", "pre", "blockquote", "caption", "title", "main", "hr":
                if table == nil {
                    endBlock()
                    // Markers the layout readers know: a list item, a heading.
                    if !tag.closing, tag.name == "li" {
                        current = "- "
                        currentLine = line
                    } else if !tag.closing, tag.name.hasPrefix("h"), tag.name.count == 2 {
                        current = "## "
                        currentLine = line
                    }
                }
            default:
                break
            }
        }

        private mutating func finishCell(_ table: inout TableState?) {
            guard var state = table, let cell = state.cell else { return }
            let text = cell.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                .replacingOccurrences(of: "|", with: "\\|")
            fillSpans(&state)
            if state.cellRowspan > 1 { state.spans[state.row.count] = (text, state.cellRowspan - 1) }
            state.row.append(text)
            state.cell = nil
            state.cellRowspan = 1
            table = state
        }

        /// Cells from rows above that span into this position.
        private func fillSpans(_ state: inout TableState) {
            while let (text, remaining) = state.spans[state.row.count] {
                state.row.append(text)
                state.spans[state.row.count - 1] = remaining > 1 ? (text, remaining - 1) : nil
            }
        }

        private mutating func finishRow(_ table: inout TableState?) {
            finishCell(&table)
            guard var state = table else { return }
            fillSpans(&state)
            if !state.row.isEmpty {
                lines.append(SourceLine(number: max(state.rowLine, 1), text: state.row.joined(separator: " | ") + " |"))
                if !state.headerDone {
                    lines.append(
                        SourceLine(
                            number: max(state.rowLine, 1),
                            text: Array(repeating: "---", count: state.row.count).joined(separator: "|") + "|"))
                    state.headerDone = true
                }
            }
            state.row = []
            table = state
        }
    }
}

/// The character references pages use most, and every numeric one.
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "hellip": "…", "copy": "©", "reg": "®",
        "trade": "™", "middot": "·", "bull": "•", "times": "×",
    ]

    static func decode(_ text: String) -> String {
        guard text.containsBytes("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = after
                continue
            }
            let name = String(after[..<semicolon])
            if let value = decodeReference(name) {
                result += value
            } else {
                result += "&" + name + ";"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func decodeReference(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return named[name.lowercased()]
    }
}
