import ErrorKBCore

/// The search words as FTS5 query syntax: each word a quoted token, so `"`, `NEAR(`, `AND` or `(`
/// are searched for as text, never parsed as syntax.
extension SearchQuery {
    /// Every term must match.
    var ftsPattern: String {
        terms.map(\.quoted).joined(separator: " ")
    }

    /// Every term must match within the code or the title.
    var headlinePattern: String {
        terms.map { "{code title} : \($0.quoted)" }.joined(separator: " AND ")
    }
}

extension SearchQuery.Term {
    /// Letters and digits only, so the quotes never need escaping.
    var quoted: String { "\"\(text)\"" + (isPrefix ? "*" : "") }
}
