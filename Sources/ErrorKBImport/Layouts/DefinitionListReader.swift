import ErrorKBCore

/// Reads codes set out as headings with paragraphs under them, as the RFCs and many guides do:
///
///     404 Not Found                       15.5.5.  404 Not Found        invalid_request
///                                                                             The request is missing...
///     The 404 (Not Found) status code        The 404 (Not Found) ...
///     indicates that ...
///
/// Everything under a code until the next code, heading or table is its description, paragraph
/// by paragraph; lines labelled `Cause:` or `Fix:` (and the list items after them) are its
/// causes and fixes.
enum DefinitionListReader {
    static func read(_ lines: [SourceLine], at start: Int, section: String?) -> LayoutBlock? {
        guard term(lines[start]) != nil, bodyStart(lines, after: start) != nil else { return nil }
        var block = LayoutBlock(end: start)
        var index = start
        while index < lines.count, let (code, title) = term(lines[index]), let first = bodyStart(lines, after: index) {
            let termIndex = index
            let body = readBody(lines, from: first, termIndentation: lines[termIndex].indentation)
            index = body.end
            block.unplaced += body.examples
            if LineShape.isRequirementKeyword(lines[first].trimmed) {
                // `error_description` / `OPTIONAL. Human-readable...` defines a parameter, not an error.
                block.unplaced += lines[termIndex..<index].filter { !$0.isBlank }
                    .map { UnplacedLine(number: $0.number, text: $0.text, reason: .prose) }
            } else {
                var fields = EntryFields(
                    codeText: code, title: title, description: body.description, section: section,
                    lines: LineRange(start: lines[termIndex].number, end: body.lastLine))
                fields.causeItems = body.causes
                fields.fixItems = body.fixes
                fields.splitsTitleFromCode = false
                if let entry = EntryBuilder.build(fields) { block.entries.append(entry) }
            }
            block.end = index
            // Definitions follow one another after blank lines; anything else ends the list.
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            guard next < lines.count, term(lines[next]) != nil else { break }
            index = next
        }
        return block.entries.isEmpty ? nil : block
    }

    /// A line that is only a code, perhaps with a section number before it and a title after.
    static func term(_ line: SourceLine) -> (code: String, title: String?)? {
        var text = line.trimmed
        guard !text.isEmpty, !text.containsBytes("|") else { return nil }
        if text.hasPrefix("#") { text = String(text.drop { $0 == "#" }) }
        text = CodeToken.stripMarkup(LineShape.stripSectionNumber(text.trimmingWhitespace()))
        guard let (code, rest) = CodeToken.leading(text) else { return nil }
        if rest.isEmpty { return (code, nil) }
        if let status = HTTPStatus(code: code), ReasonPhrases.prefix(of: rest, status: status.value) == rest {
            return (code, rest)
        }
        // Any other title must look like one: short, capitalised, no sentence.
        guard LineShape.heading(rest) != nil, rest.split(separator: " ").count <= 8 else { return nil }
        return (code, CodeToken.stripMarkup(rest))
    }

    /// The first body line under the term at `index`: the next non-blank line, if it is text.
    private static func bodyStart(_ lines: [SourceLine], after index: Int) -> Int? {
        var next = index + 1
        while next < lines.count, lines[next].isBlank { next += 1 }
        guard next < lines.count, next - index <= 3 else { return nil }
        let line = lines[next]
        guard term(line) == nil, !line.text.containsBytes("|"), !PageChrome.isChrome(line.text) else { return nil }
        // Under a flush-left term, a heading is the next section, not a description.
        if line.indentation <= lines[index].indentation, LineShape.heading(line.text) != nil,
            !line.trimmed.hasPrefix("-"), ItemLabel.of(line.trimmed) == nil
        {
            return nil
        }
        return next
    }

    private struct Body {
        var description = ""
        var causes: [String] = []
        var fixes: [String] = []
        /// Indented deeper than the text around them after a blank line: sample messages,
        /// which are no part of the description.
        var examples: [UnplacedLine] = []
        var end: Int
        var lastLine: Int
    }

    private static func readBody(_ lines: [SourceLine], from first: Int, termIndentation: Int) -> Body {
        let indented = lines[first].indentation > termIndentation
        let bodyIndentation = lines[first].indentation
        var body = Body(end: first, lastLine: lines[first].number)
        var paragraphs: [[String]] = [[]]
        var list: ItemLabel?
        var previousBlank = false
        var inExample = false
        var index = first
        while index < lines.count {
            let line = lines[index]
            if line.isBlank {
                previousBlank = true
                index += 1
                continue
            }
            if indented ? line.indentation < bodyIndentation : endsBody(lines, at: index, previousBlank: previousBlank) {
                break
            }
            if indented, term(line) != nil, line.indentation <= termIndentation { break }
            if indented, line.indentation > bodyIndentation, previousBlank || inExample {
                inExample = true
                previousBlank = false
                body.examples.append(UnplacedLine(number: line.number, text: line.text, reason: .prose))
                index += 1
                continue
            }
            inExample = false
            let text = line.trimmed
            if let (label, rest) = ItemLabel.split(text) {
                list = label
                if !rest.isEmpty { append(rest, to: label, in: &body, newItem: true) }
            } else if let list, let item = listItem(text) {
                append(item, to: list, in: &body, newItem: true)
            } else if let list, !previousBlank {
                append(text, to: list, in: &body, newItem: false)
            } else {
                list = nil
                if previousBlank, !(paragraphs.last?.isEmpty ?? true) { paragraphs.append([]) }
                paragraphs[paragraphs.count - 1].append(text)
            }
            previousBlank = false
            body.lastLine = line.number
            index += 1
        }
        // Trailing blank lines belong to what follows.
        body.end = index
        while body.end > first, lines[body.end - 1].isBlank { body.end -= 1 }
        body.description = paragraphs.map { $0.joined(separator: " ") }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        return body
    }

    /// In flush-left text the body ends at the next code, table, or heading after a blank line.
    private static func endsBody(_ lines: [SourceLine], at index: Int, previousBlank: Bool) -> Bool {
        let line = lines[index]
        if term(line) != nil || line.text.containsBytes("|") || PageChrome.isChrome(line.text) { return true }
        if line.trimmed.hasPrefix("#") { return true }
        guard previousBlank, LineShape.heading(line.text) != nil, ItemLabel.of(line.trimmed) == nil else { return false }
        return true
    }

    private static func listItem(_ text: String) -> String? {
        for marker in ["- ", "* ", "• ", "+ "] where text.hasPrefix(marker) {
            return String(text.dropFirst(marker.count)).trimmingWhitespace()
        }
        let digits = text.prefix { $0.isNumber }
        if !digits.isEmpty, text.dropFirst(digits.count).hasPrefix(". ") || text.dropFirst(digits.count).hasPrefix(") ") {
            return String(text.dropFirst(digits.count + 2)).trimmingWhitespace()
        }
        return nil
    }

    private static func append(_ text: String, to label: ItemLabel, in body: inout Body, newItem: Bool) {
        switch label {
        case .causes:
            if newItem || body.causes.isEmpty { body.causes.append(text) } else { body.causes[body.causes.count - 1] += " " + text }
        case .fixes:
            if newItem || body.fixes.isEmpty { body.fixes.append(text) } else { body.fixes[body.fixes.count - 1] += " " + text }
        }
    }
}

/// `Cause:`, `Possible causes:`, `Fix:`, `Solution:` and the like.
enum ItemLabel {
    case causes, fixes

    static func of(_ text: String) -> ItemLabel? { split(text)?.label }

    static func split(_ text: String) -> (label: ItemLabel, rest: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let label = CodeToken.stripMarkup(String(text[..<colon])).lowercased()
        var rest = String(text[text.index(after: colon)...])
        if rest.hasPrefix("**") { rest.removeFirst(2) }
        rest = rest.trimmingWhitespace()
        guard label.split(separator: " ").count <= 3 else { return nil }
        if ["cause", "causes", "possible cause", "possible causes", "common causes", "common cause", "why", "reason", "reasons"]
            .contains(label)
        {
            return (.causes, rest)
        }
        if ["fix", "fixes", "how to fix", "how to fix it", "solution", "solutions", "resolution", "remedy", "what to do",
            "to fix", "workaround", "action"]
            .contains(label)
        {
            return (.fixes, rest)
        }
        return nil
    }
}
