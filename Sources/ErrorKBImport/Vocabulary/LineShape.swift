import ErrorKBCore

/// What a plain line of text looks like on its own: a heading, or a sentence of prose.
enum LineShape {
    /// A short line without closing punctuation that starts like a title: `Client Error 4xx`,
    /// `## Token errors`, `15.5. Client Error 4xx`. Returns the heading's text, or `nil`.
    static func heading(_ line: String) -> String? {
        var text = line.trimmingWhitespace()
        var markdown = false
        if text.hasPrefix("#") {
            text = String(text.drop { $0 == "#" }).trimmingWhitespace()
            markdown = true
        }
        text = stripSectionNumber(text)
        text = CodeToken.stripMarkup(text)
        guard !text.isEmpty, text.count <= 90, !text.containsBytes("|") else { return nil }
        if markdown { return text }
        guard let first = text.first, first.isUppercase || first.isNumber else { return nil }
        guard let last = text.last, !".,;:!".contains(last) else { return nil }
        let words = text.split(separator: " ")
        guard words.count <= 10 else { return nil }
        // A title capitalises most of its words, or is short enough that it does not matter.
        let capitalised = words.filter { $0.first?.isUppercase == true || $0.first?.isNumber == true }.count
        return words.count <= 4 || capitalised * 2 >= words.count ? text : nil
    }

    /// `6.5.1.  400 Bad Request` → `400 Bad Request`; `15. Status Codes` → `Status Codes`.
    static func stripSectionNumber(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        var sawDot = false
        var consumed = 0
        while let first = scalars.first, first.properties.numericType != nil || first == "." {
            if first == "." { sawDot = true }
            scalars.removeFirst()
            consumed += 1
        }
        guard sawDot, consumed > 0, let next = scalars.first, next == " " || next == "\t" else { return text }
        return String(String.UnicodeScalarView(scalars)).trimmingWhitespace()
    }

    /// A prose sentence that tells what an RFC parameter is, not what an error means:
    /// `REQUIRED.  A single ASCII error code...`.
    static func isRequirementKeyword(_ text: String) -> Bool {
        ["REQUIRED.", "OPTIONAL.", "RECOMMENDED.", "MUST ", "SHOULD "].contains { text.hasPrefix($0) }
    }
}

/// What a column of a table holds, judged by its header.
enum ColumnRole: Equatable {
    case code, httpStatus, title, description, causes, fixes, context, ignored
    /// "Reason": a reason phrase (a title) or the reason it happens (causes), by its cells.
    case reason

    static func of(header: String) -> ColumnRole {
        let text = InlineText.flat(header).lowercased()
        // Byte search, not `contains(_:)`, which Foundation answers through NSString (see ByteSearch).
        func has(_ words: StaticString...) -> Bool { words.contains { text.containsBytes($0) } }
        if has("explanation", "description", "mean", "detail", "summary", "definition", "remark", "comment") {
            return .description
        }
        if has("fix", "solution", "resolution", "remed", "how to", "what to do", "action", "workaround", "troubleshoot",
            "mitigation", "recover", "recommend", "resolve", "handling")
        {
            return .fixes
        }
        if has("cause", "why", "when it happens", "when this happens", "trigger", "when returned", "case", "situation", "scenario",
            "circumstance", "condition")
        {
            return .causes
        }
        if has("usage location", "endpoint", "context", "returned by", "returned from") { return .context }
        // "Legacy code name and value", "Alias": another name for the code, its title.
        if has("legacy", "alias", "former name", "old name") { return .title }
        if has("reference", "more information", "see also", "link", "change controller", "protocol extension", "specification",
            "since", "version", "deprecated")
        {
            return .ignored
        }
        if has("message", "phrase", "title", "label", "text", "body") { return .title }
        if has("http status", "status code", "http code", "status", "http") { return .httpStatus }
        if has("code", "error", "key", "identifier", "exception", "value", "fault") || text == "id" { return .code }
        if has("reason") { return .reason }
        if has("name", "type") { return .title }
        return .ignored
    }

    /// The header says "code" itself (`Code`, `Error code`, `RCODE`), not only "error".
    static func saysCode(_ header: String) -> Bool {
        InlineText.flat(header).lowercased().containsBytes("code")
    }

    /// "Name", "Error name", "Exception name": a column of names.
    static func isNameHeader(_ header: String) -> Bool {
        let words = InlineText.flat(header).lowercased().split(separator: " ")
        return words.last == "name" && words.count <= 2
    }

    /// The header names the column of codes itself: `Error code`, `Code`, `Error`.
    static func namesCodes(_ header: String) -> Bool {
        let text = InlineText.flat(header).lowercased()
        let words: [StaticString] = ["code", "error", "exception", "fault", "status"]
        return words.contains { text.containsBytes($0) } && of(header: header) != .title
    }

    /// A table whose header says it lists parameters, fields or methods.
    static func namesNonErrors(_ header: String) -> Bool {
        let first = InlineText.flat(header).lowercased().split(separator: " ").first.map(String.init) ?? ""
        return ["parameter", "parameters", "field", "fields", "property", "properties", "argument", "arguments", "attribute",
            "attributes", "option", "options", "setting", "settings", "variable", "variables", "method", "methods", "flag",
            "flags", "header", "headers", "scope", "scopes", "claim", "claims", "event", "events", "permission", "permissions",
            "endpoint", "endpoints", "operation", "operations"]
            .contains(first)
    }

    /// A column of data types, or of `Required.` notes: the table lists parameters.
    static func holdsParameterFacts(_ cells: [String]) -> Bool {
        guard cells.count >= 2 else { return false }
        let types: Set<String> = ["string", "integer", "int", "boolean", "bool", "number", "object", "array", "float", "double",
            "long", "uri", "url", "date", "datetime", "timestamp", "enum", "string[]", "array of strings"]
        let typed = cells.filter { types.contains($0.lowercased()) }.count
        let required = cells.filter {
            let lowered = $0.lowercased()
            return lowered.hasPrefix("required") || lowered.hasPrefix("optional")
        }.count
        return typed * 2 > cells.count || required * 2 > cells.count
    }

    /// Short and without a sentence's end: `Not Found`, `(Unused)`, `Request Entity Too Large`.
    static func isTitleShaped(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        // `Rate limited.`: a name may end with a period; a sentence of four words or more does.
        let ended = text.hasSuffix(".") || text.hasSuffix("!")
        return words.count <= 6 && !(ended && words.count > 3) && !text.containsBytes(". ")
    }

    /// The roles of a header row. When no column is the code itself, the status column is.
    static func roles(of headers: [String]) -> [ColumnRole] {
        var roles = headers.map(of(header:))
        if !roles.contains(.code), let status = roles.firstIndex(of: .httpStatus) { roles[status] = .code }
        return roles
    }

    /// True when a row of cells reads as a table's header: most of them name a column, and one
    /// names the column of codes or statuses (`Code | Meaning | Reference`).
    /// `strict`, for a line that only its words make a header: every name but one (of three or
    /// more) is a column's, and none looks like a value.
    static func isHeaderRow(_ names: [String], strict: Bool = false) -> Bool {
        let named = names.filter { !$0.isEmpty }
        let roles = named.map(of(header:))
        let known = roles.filter { $0 != .ignored }.count
        guard roles.contains(where: { $0 == .code || $0 == .httpStatus }) else { return false }
        guard strict else { return known * 2 >= roles.count }
        let valueLike = named.contains { name in name.first.map { !$0.isLetter } ?? true || name.contains(where: { $0 == "." || $0 == "_" }) }
        return !valueLike && (known == roles.count || roles.count >= 3 && known == roles.count - 1)
    }

    /// True when every word of a line names a column: `Code Name Description`.
    static func isHeaderLine(_ line: String) -> [ColumnRole]? {
        // Two to five header words: a long line is a row or prose, and is not split to find out.
        guard line.utf8.count <= 160 else { return nil }
        let words = line.trimmingWhitespace().split(separator: " ").map(String.init)
        guard (2...5).contains(words.count) else { return nil }
        let roles = words.map(of(header:))
        guard !roles.contains(.ignored), roles.contains(where: { $0 == .code || $0 == .httpStatus }) else { return nil }
        return ColumnRole.roles(of: words)
    }
}
