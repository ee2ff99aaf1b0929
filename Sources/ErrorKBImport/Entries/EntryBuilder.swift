import ErrorKBCore

/// What a reader found for one code, before it is an entry.
struct EntryDraft {
    var code: String
    var title: String?
    var description: String = ""
    /// Items as the page sets them apart; each is split into its sentences.
    var causes: [String] = []
    var fixes: [String] = []
    /// The status the page gives a string code, from its row, its text or its section.
    var httpStatus: Int?
    var section: String?
    var lines: LineRange
    /// The page or section is about OAuth or OpenID Connect.
    var inOAuthContext = false
    /// The row gave the code as an HTTP status and the title in its own column, as tables of
    /// OAuth errors do (`400 | Invalid Request | ...`).
    var titleFromColumn = false
}

/// Turns a draft into an entry, the same way for every layout: the code's kind, a clean title,
/// causes and fixes one sentence each, and a description that says something.
enum EntryBuilder {
    /// A draft's text, cleaned: worked out once where one row names many codes, since the
    /// cleaning reads every character and such a row may hold a whole page.
    struct CleanText {
        let title: String?
        let description: String
        let causes: [String]
        let fixes: [String]

        init(_ draft: EntryDraft) {
            title = EntryBuilder.clean(draft.title)
            description = EntryBuilder.paragraphs(draft.description)
            causes = EntryBuilder.items(draft.causes)
            fixes = EntryBuilder.items(draft.fixes)
        }
    }

    /// `text`: the draft's text already cleaned, for drafts that share it.
    static func build(_ draft: EntryDraft, text: CleanText? = nil) -> ParsedEntry? {
        let status = HTTPStatus(code: draft.code)
        let text = text ?? CleanText(draft)
        var entry = ParsedEntry(
            code: draft.code, kind: status == nil ? stringCodeKind(draft.code, inOAuthContext: draft.inOAuthContext) : .http,
            title: text.title, description: text.description,
            httpStatus: status?.value ?? draft.httpStatus.flatMap { HTTPStatus($0)?.value },
            section: draft.section.map(InlineText.flat).flatMap { $0.isEmpty ? nil : $0 },
            causes: text.causes, fixes: text.fixes, lines: draft.lines)

        // Some tables give an OAuth error by its title in a row whose code column is the HTTP
        // status it comes with: `400 | Invalid Request | ...` under an OAuth heading.
        // A known OAuth error only on a page about OAuth (`500 | Server Error` elsewhere is a
        // status and its name); any other name only in a section about OAuth.
        if let status, let title = entry.title, draft.titleFromColumn,
            !ReasonPhrases.isReasonPhrase(title, status: status.value), let snake = CodeToken.snakeCase(title),
            draft.inOAuthContext && KnownErrorCodes.oauth.contains(snake)
                || KnownErrorCodes.mentionsOAuth(draft.section) && !ReasonPhrases.isAnyReasonPhrase(title)
        {
            entry.code = snake
            entry.kind = .oauth
            entry.httpStatus = status.value
        }
        // A page may describe a code by its fixes alone (a "Mitigation" column): those words
        // then describe it too, since an entry must say something of its own.
        if entry.description.isEmpty, entry.title == nil {
            entry.description = (draft.causes + draft.fixes).map(InlineText.flat).joined(separator: " ")
        }
        guard !entry.description.isEmpty || entry.title != nil, entry.code.utf8.count <= 100 else { return nil }
        return entry
    }

    static func stringCodeKind(_ code: String, inOAuthContext: Bool) -> CodeKind {
        guard CodeToken.isStringCode(code), code.first?.isLowercase == true else { return .other }
        return KnownErrorCodes.oauth.contains(code) || inOAuthContext ? .oauth : .other
    }

    private static func items(_ listed: [String]) -> [String] {
        listed.map { collapse(InlineText.plain($0)) }.filter { !$0.isEmpty }.flatMap(SentenceSplitter.split)
    }

    static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        var cleaned = collapse(InlineText.plain(text))
        while let last = cleaned.last, last == ":" { cleaned.removeLast() }
        // `INDEX_SIZE_ERR (1)`: a constant's name with its value, which maps to no field.
        if let open = cleaned.lastIndex(of: "("), cleaned.hasSuffix(")"), !cleaned[..<open].trimmingWhitespace().contains(" "),
            CodeMention.isNumber(String(cleaned[cleaned.index(after: open)..<cleaned.index(before: cleaned.endIndex)]))
        {
            cleaned = cleaned[..<open].trimmingWhitespace()
        }
        // `"Object does not exist"`: a name quoted whole.
        if cleaned.count > 2, let first = cleaned.first, first == "\"" || first == "“", let last = cleaned.last, last == "\"" || last == "”",
            !cleaned.dropFirst().dropLast().contains(where: { $0 == "\"" || $0 == "“" || $0 == "”" })
        {
            cleaned = String(cleaned.dropFirst().dropLast())
        }
        // `---Reserved----`: dashes that pad a cell of a text table.
        if cleaned.hasPrefix("--") || cleaned.hasSuffix("--") { cleaned = cleaned.trimmingCharacters(in: "-") }
        cleaned = cleaned.trimmingWhitespace()
        return cleaned.isEmpty ? nil : cleaned
    }

    /// Keeps paragraph breaks (blank lines) and collapses white space within each paragraph.
    static func paragraphs(_ text: String) -> String {
        // Most text is one paragraph; the generic split by a string was 5% of a large import.
        guard text.containsBytes("\n\n") else { return collapse(InlineText.plain(text)) }
        return text.split(separator: "\n\n").map { collapse(InlineText.plain(String($0))) }.filter { !$0.isEmpty }
            .joined(separator: "\n\n")
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
