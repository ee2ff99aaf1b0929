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
    case code, httpStatus, title, description, causes, fixes, ignored

    static func of(header: String) -> ColumnRole {
        let text = header.lowercased().trimmingWhitespace()
        func has(_ words: String...) -> Bool { words.contains { text.contains($0) } }
        if has("explanation", "description", "mean", "detail", "summary", "definition") { return .description }
        if has("fix", "solution", "resolution", "remed", "how to", "what to do", "action", "workaround", "troubleshoot") {
            return .fixes
        }
        if has("cause", "why") { return .causes }
        if has("http status", "status code", "http code", "status") { return .httpStatus }
        if has("code", "error", "key", "identifier") { return .code }
        if has("title", "name", "body", "phrase", "reason", "label", "message", "text") { return .title }
        return .ignored
    }

    /// The roles of a header row. When no column is the code itself, the status column is.
    static func roles(of headers: [String]) -> [ColumnRole] {
        var roles = headers.map(of(header:))
        if !roles.contains(.code), let status = roles.firstIndex(of: .httpStatus) { roles[status] = .code }
        return roles
    }

    /// True when every word of a line names a column: `Code Name Description`.
    static func isHeaderLine(_ line: String) -> [ColumnRole]? {
        let words = line.trimmingWhitespace().split(separator: " ").map(String.init)
        guard (2...5).contains(words.count) else { return nil }
        let roles = words.map(of(header:))
        guard !roles.contains(.ignored), roles.contains(where: { $0 == .code || $0 == .httpStatus }) else { return nil }
        return ColumnRole.roles(of: words)
    }
}
