import ErrorKBCore

/// Definition lists, which CommonMark does not have but documentation sites write two ways:
///
///     - {{HTTPStatus(200, "200 OK")}}         `invalid_grant`
///       - : The request succeeded.            : The grant is invalid.
///
/// (MDN's, left; PHP Markdown Extra's and Pandoc's, right). cmark-gfm reads the first as a list
/// whose items hold a `: `-list, the second as a paragraph with `: ` lines; both become
/// `.definitions` here.
enum MarkdownDefinitions {
    static func regroup(_ blocks: [Block]) -> [Block] {
        var result: [Block] = []
        var index = 0
        while index < blocks.count {
            switch blocks[index] {
            case .list(let list):
                if let definitions = mdnDefinitions(list) {
                    result.append(.definitions(definitions))
                } else {
                    result.append(blocks[index])
                }
            case .paragraph(let paragraph):
                if let definitions = colonDefinitions(paragraph) {
                    appendMerging(.definitions(definitions), to: &result)
                } else if index + 1 < blocks.count, case .paragraph(let next) = blocks[index + 1],
                    !paragraph.text.containsBytes("\n"), next.text.hasPrefix(": ")
                {
                    // `Term`, a blank line, then `: definition`.
                    let definition = Definition(
                        term: paragraph.text, termLines: paragraph.lines,
                        blocks: [.paragraph(Paragraph(text: String(next.text.dropFirst(2)), lines: next.lines))],
                        lines: paragraph.lines.union(next.lines))
                    appendMerging(.definitions(DefinitionList(items: [definition], lines: definition.lines)), to: &result)
                    index += 1
                } else {
                    result.append(blocks[index])
                }
            case .code(let code) where code.indented && Self.holdsDefinitions(code.text):
                // kramdown and Pandoc indent a definition's nested definitions; CommonMark reads
                // that as indented code. It is the last definition's continuation.
                let continued = result.updateLastDefinition { definition in
                    definition.blocks += MarkdownReader.parse(code.text, firstLine: code.lines.start)
                    definition.lines = definition.lines.union(code.lines)
                }
                if !continued { result.append(blocks[index]) }
            default:
                result.append(blocks[index])
            }
            index += 1
        }
        return result
    }

    /// Text with a `: definition` line under a term line.
    private static func holdsDefinitions(_ text: String) -> Bool {
        text.split(separator: "\n").dropFirst().contains { $0.trimmingWhitespace().hasPrefix(": ") }
    }

    /// Consecutive definition lists are one list.
    private static func appendMerging(_ block: Block, to result: inout [Block]) {
        if case .definitions(let new) = block { result.appendDefinitions(new) } else { result.append(block) }
    }

    /// A list every item of which is a term with a `: `-list under it.
    private static func mdnDefinitions(_ list: BlockList) -> DefinitionList? {
        var items: [Definition] = []
        for item in list.items {
            guard case .paragraph(let term)? = item.blocks.first, item.blocks.count >= 2,
                case .list(let inner) = item.blocks[1], let first = inner.items.first,
                case .paragraph(let opening)? = first.blocks.first, opening.text.hasPrefix(":")
            else { return nil }
            var body = first.blocks
            body[0] = .paragraph(Paragraph(text: String(opening.text.dropFirst()).trimmingWhitespace(), lines: opening.lines))
            body += inner.items.dropFirst().flatMap(\.blocks) + item.blocks.dropFirst(2)
            items.append(Definition(term: term.text, termLines: term.lines, blocks: body, lines: item.lines))
        }
        return items.isEmpty ? nil : DefinitionList(items: items, lines: list.lines)
    }

    /// `Term` lines each followed by `: definition` lines, all in one paragraph.
    private static func colonDefinitions(_ paragraph: Paragraph) -> DefinitionList? {
        let lines = paragraph.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2, !lines[0].hasPrefix(":"), lines[1].hasPrefix(": ") else { return nil }
        func line(_ offset: Int) -> LineRange {
            let number = min(paragraph.lines.start + offset, paragraph.lines.end)
            return LineRange(start: number, end: number)
        }
        var items: [Definition] = []
        var index = 0
        while index < lines.count {
            // A term is a line followed by a `: ` line; any other line goes on the definition before.
            guard index + 1 < lines.count, !lines[index].hasPrefix(":"), lines[index + 1].hasPrefix(": ") else { return nil }
            let termIndex = index
            var body: [(text: String, offset: Int)] = []
            index += 1
            while index < lines.count {
                let text = lines[index]
                if text.hasPrefix(": ") {
                    body.append((text.dropFirst(2).trimmingWhitespace(), index))
                } else if index + 1 < lines.count, lines[index + 1].hasPrefix(": ") {
                    break
                } else if !body.isEmpty {
                    body[body.count - 1].text += "\n" + text
                }
                index += 1
            }
            let blocks = body.map { Block.paragraph(Paragraph(text: $0.text, lines: line($0.offset))) }
            items.append(
                Definition(
                    term: lines[termIndex], termLines: line(termIndex), blocks: blocks,
                    lines: line(termIndex).union(line(body.last?.offset ?? termIndex))))
        }
        return items.isEmpty ? nil : DefinitionList(items: items, lines: paragraph.lines)
    }
}
