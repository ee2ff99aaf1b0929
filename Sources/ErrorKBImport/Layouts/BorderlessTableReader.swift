import ErrorKBCore

/// Reads tables that lost their borders when the page was copied: a header such as
/// `Code Name Description`, then one row a line, `404 Not Found The requested resource was not
/// found`. The code comes first; the reason phrases the importer knows tell where an HTTP
/// status's title ends and its description starts.
enum BorderlessTableReader {
    static func read(_ lines: [SourceLine], at start: Int, section: String?) -> LayoutBlock? {
        var index = start
        let roles: [ColumnRole]
        if let headerRoles = ColumnRole.isHeaderLine(lines[start].text) {
            roles = headerRoles
            index += 1
            while index < lines.count, lines[index].isBlank, index - start < 2 { index += 1 }
            guard index < lines.count, isRow(lines[index]) else { return nil }
        } else {
            // Without a header, two rows in a row make a table; one is just a sentence.
            guard start + 1 < lines.count, isRow(lines[start]), isRow(lines[start + 1]) else { return nil }
            roles = []
        }
        let hasTitleColumn = roles.contains(.title)
        var block = LayoutBlock(end: index)
        var rows: [(line: SourceLine, code: String, rest: String, last: Int)] = []
        while index < lines.count {
            let line = lines[index]
            if isRow(line), let (code, rest) = CodeToken.leading(line.trimmed) {
                rows.append((line, code, rest, line.number))
            } else if !rows.isEmpty, !line.isBlank, line.trimmed.first?.isLowercase == true,
                CodeToken.leading(line.trimmed) == nil
            {
                // A wrapped row: the sentence goes on in lower case on the next line.
                rows[rows.count - 1].rest += " " + line.trimmed
                rows[rows.count - 1].last = line.number
            } else {
                break
            }
            index += 1
        }
        for row in rows {
            let (title, description) = splitTitle(code: row.code, rest: row.rest, hasTitleColumn: hasTitleColumn)
            var fields = EntryFields(
                codeText: row.code, title: title, description: description, section: section,
                lines: LineRange(start: row.line.number, end: row.last))
            fields.splitsTitleFromCode = false
            if let entry = EntryBuilder.build(fields) {
                block.entries.append(entry)
            } else {
                block.unplaced.append(UnplacedLine(number: row.line.number, text: row.line.text, reason: .noCode))
            }
        }
        block.end = index
        return block.entries.isEmpty ? nil : block
    }

    /// A line that starts with a code and says something after it.
    static func isRow(_ line: SourceLine) -> Bool {
        guard let (_, rest) = CodeToken.leading(line.trimmed) else { return false }
        return !rest.isEmpty && !line.trimmed.hasPrefix("#")
    }

    /// Where the title ends: at the status's known reason phrase, else (with a title column) at
    /// the last capitalised word before the sentence that follows.
    static func splitTitle(code: String, rest: String, hasTitleColumn: Bool) -> (String?, String) {
        if let status = HTTPStatus(code: code), let phrase = ReasonPhrases.prefix(of: rest, status: status.value) {
            return (phrase, String(rest.dropFirst(phrase.count)).trimmingWhitespace())
        }
        guard hasTitleColumn else { return (nil, rest) }
        let words = rest.split(separator: " ", omittingEmptySubsequences: true)
        let capitalised = words.prefix { $0.first?.isUppercase == true || $0.first?.isNumber == true }
        guard capitalised.count >= 2, capitalised.count < words.count else {
            return capitalised.count == words.count ? (rest, "") : (nil, rest)
        }
        let titleWords = capitalised.dropLast()
        return (titleWords.joined(separator: " "), words.dropFirst(titleWords.count).joined(separator: " "))
    }
}
