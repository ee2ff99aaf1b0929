import ErrorKBCore

/// Turns the cells or fields a layout found into an entry, the same way for every layout:
/// the code's kind, its title, its HTTP status, causes and fixes one sentence each.
struct EntryFields {
    var codeText: String
    var title: String?
    var description: String = ""
    var httpStatusText: String?
    var causes: String = ""
    var fixes: String = ""
    var causeItems: [String] = []
    var fixItems: [String] = []
    var section: String?
    var lines: LineRange
    /// Whether the layout has a place for a title; if not, words after the code may be one.
    var splitsTitleFromCode = true
}

enum EntryBuilder {
    static func build(_ fields: EntryFields) -> ParsedEntry? {
        guard let (code, rest) = CodeToken.leading(fields.codeText) else { return nil }
        var title = clean(fields.title)
        var description = paragraphs(fields.description)
        if !rest.isEmpty {
            if title == nil, fields.splitsTitleFromCode {
                title = rest
            } else {
                description = description.isEmpty ? rest : rest + " " + description
            }
        }
        let status = HTTPStatus(code: code)
        var entry = ParsedEntry(
            code: code, kind: status == nil ? stringCodeKind(code, section: fields.section) : .http,
            title: title, description: description,
            httpStatus: status?.value ?? fields.httpStatusText.flatMap { CodeToken.leading($0) }.flatMap { Int($0.code) },
            section: fields.section, causes: items(fields.causes, fields.causeItems),
            fixes: items(fields.fixes, fields.fixItems), lines: fields.lines)

        // Some tables give an OAuth error by its title in a row whose code column is the HTTP
        // status it comes with: `400 | Invalid Request | ...` under an OAuth heading.
        if let status, let title, !ReasonPhrases.isReasonPhrase(title, status: status.value),
            let snake = CodeToken.snakeCase(title),
            KnownErrorCodes.oauth.contains(snake)
                || (KnownErrorCodes.mentionsOAuth(fields.section) && !ReasonPhrases.isAnyReasonPhrase(title))
        {
            entry.code = snake
            entry.kind = .oauth
            entry.httpStatus = status.value
        }
        if entry.httpStatus.flatMap(HTTPStatus.init) == nil { entry.httpStatus = nil }
        guard !entry.description.isEmpty || entry.title != nil else { return nil }
        return entry
    }

    static func stringCodeKind(_ code: String, section: String?) -> CodeKind {
        KnownErrorCodes.oauth.contains(code) || KnownErrorCodes.mentionsOAuth(section) ? .oauth : .other
    }

    private static func items(_ text: String, _ listed: [String]) -> [String] {
        ([text] + listed).map(collapse).filter { !$0.isEmpty }.flatMap(SentenceSplitter.split)
    }

    private static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = CodeToken.stripMarkup(collapse(text))
        return cleaned.isEmpty ? nil : cleaned
    }

    /// Keeps paragraph breaks (blank lines) and collapses white space within each paragraph.
    static func paragraphs(_ text: String) -> String {
        // Most text is one paragraph; the generic split by a string was 5% of a large import.
        guard text.containsBytes("\n\n") else { return collapse(text) }
        return text.split(separator: "\n\n").map { collapse(String($0)) }.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// Runs of white space become one space, as a browser would show them.
    static func collapse(_ text: String) -> String {
        // Already collapsed (the usual case): no leading, trailing or repeated white space.
        var previousSpace = true
        var clean = true
        for byte in text.utf8 {
            let space = byte == 0x20
            if byte < 0x20 || (space && previousSpace) || byte == 0xC2 {
                clean = false
                break
            }
            previousSpace = space
        }
        if clean, !previousSpace { return text }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
