import ErrorKBCore

/// Lists in plain text: items at one indentation, each its first line and the lines indented
/// deeper under it (blank lines inside allowed), read with the text dialect's rules.
enum TextLists {
    static func list(_ spot: LineSpot, marker: ListMarker, dialect: inout TextDialect) -> BlockMatch {
        let lines = spot.lines
        let indentation = spot.line.indentation
        var items: [ListItem] = []
        var index = spot.index
        while index < lines.count {
            let line = lines[index]
            guard !line.isBlank, line.indentation == indentation, let itemMarker = ListMarker(line.trimmed),
                itemMarker.ordered == marker.ordered
            else { break }
            var body = [SourceLine(number: line.number, text: String(repeating: " ", count: indentation + 2) + itemMarker.rest)]
            let end = spot.at(index).indentedEnd(deeperThan: indentation)
            if end > index + 1 { body += lines[(index + 1)..<end] }
            let lastContent = end - 1
            items.append(ListItem(blocks: dialect.parse(body, depth: spot.depth + 1), lines: LineRange(start: line.number, end: lines[lastContent].number)))
            index = end
            // Items follow one another, perhaps after a blank line.
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            guard next < lines.count, lines[next].indentation == indentation, ListMarker(lines[next].trimmed) != nil else { break }
            index = next
        }
        let range = LineRange(start: spot.line.number, end: items.last?.lines.end ?? spot.line.number)
        return BlockMatch(.list(BlockList(ordered: marker.ordered, items: items, lines: range)), end: index)
    }
}

/// RFC-style definitions in plain text: a term over an indented body (`invalid_request` /
/// `      The request is missing...`), or a term and its text on one line with a gap between
/// (`slow_down  A variant of ...`), a run of them at one indentation.
enum TextDefinitions {
    static func read(_ spot: LineSpot, dialect: inout TextDialect) -> BlockMatch? {
        let lines = spot.lines
        let indentation = spot.line.indentation
        var items: [Definition] = []
        var index = spot.index
        while index < lines.count, lines[index].indentation == indentation, !lines[index].isBlank,
            let (definition, end) = definition(spot.at(index), dialect: &dialect)
        {
            items.append(definition)
            index = end
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            guard next < lines.count, lines[next].indentation == indentation else { break }
            index = next
        }
        guard let first = items.first, let last = items.last else { return nil }
        return BlockMatch(.definitions(DefinitionList(items: items, lines: first.lines.union(last.lines))), end: index)
    }

    private static func definition(_ spot: LineSpot, dialect: inout TextDialect) -> (Definition, Int)? {
        let lines = spot.lines
        let start = spot.index
        let line = spot.line
        let indentation = line.indentation
        let text = spot.text
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
        let end = spot.indentedEnd(deeperThan: indentation)
        let termLines = LineRange(start: line.number, end: line.number)
        let bodyLines = end > start + 1 ? Array(lines[(start + 1)..<end]) : []
        let range = LineRange(start: line.number, end: lines[end - 1].number)
        if let (term, rest) = hanging {
            // The text goes on from the term's line into the indented lines below it.
            let bodyIndentation = indentation + 4
            let opening = SourceLine(number: line.number, text: String(repeating: " ", count: bodyIndentation) + rest)
            // When the text after the term wraps onto the next line, aligned with itself, the
            // lines aligned so go on with it: they are set at the body's indentation, and deeper
            // ones keep their depth below it.
            let termWidth = text.prefix { !$0.isWhitespace }.count
            let restColumn = indentation + termWidth + text.dropFirst(termWidth).prefix { $0.isWhitespace }.count
            let wraps = bodyLines.first.map { !$0.isBlank && $0.indentation == restColumn } ?? false
            let shift = wraps ? max(0, restColumn - bodyIndentation) : 0
            let body = bodyLines.map { bodyLine -> SourceLine in
                if bodyLine.isBlank { return bodyLine }
                if bodyLine.indentation >= restColumn, shift > 0 {
                    return SourceLine(number: bodyLine.number, text: String(bodyLine.text.dropFirst(shift)))
                }
                return bodyLine.indentation >= bodyIndentation ? bodyLine : reindented(bodyLine, to: bodyIndentation)
            }
            // Text on the term's line alone, with the body after a blank line, is a paragraph of its
            // own (`1000    "Command completed successfully"`), not a term over that body.
            let blocks = !wraps && bodyLines.first?.isBlank == true
                ? [.paragraph(Paragraph(text: rest, lines: termLines))] + dialect.parse(body, depth: spot.depth + 1)
                : dialect.parse([opening] + body, depth: spot.depth + 1)
            return (Definition(term: term, termLines: termLines, blocks: blocks, lines: range), end)
        }
        let blocks = dialect.parse(bodyLines, depth: spot.depth + 1)
        return (Definition(term: text, termLines: termLines, blocks: blocks, lines: range), end)
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
    static func hangingTerm(_ text: String) -> (String, String)? {
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
