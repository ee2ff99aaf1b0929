import ErrorKBCore

/// The text after a code on its line — `Not Found`, `(OK)`, `Forbidden - You may not`, `The
/// token expired.` — as a title and a description.
enum LeadText {
    /// `lowercaseNames`: the text stands where its siblings give titles (a list or column of
    /// codes), so a short name in lower case (`306 unused`) is one too.
    static func split(_ rest: String, lowercaseNames: Bool = false) -> (title: String?, description: String?) {
        var text = rest.trimmingWhitespace()
        guard !text.isEmpty else { return (nil, nil) }
        // `200 (OK)`: the reason phrase in brackets.
        if text.hasPrefix("("), text.hasSuffix(")"), !text.dropFirst().containsBytes("(") {
            text = String(text.dropFirst().dropLast()).trimmingWhitespace()
        }
        for separator in [" - ", " — ", " – ", ": "] {
            guard let range = text.firstRange(of: separator) else { continue }
            let left = String(text[..<range.lowerBound]).trimmingWhitespace()
            let right = String(text[range.upperBound...]).trimmingWhitespace()
            // A short message set off by a dash is a title, its period and all (`Access denied. —
            // The client did not ...`).
            if isTitle(left) || separator != ": " && isMessage(left) || lowercaseNames && isLowercaseName(left), !right.isEmpty {
                return (unbracketed(left), right)
            }
        }
        return isTitle(text) || lowercaseNames && isLowercaseName(text) ? (text, nil) : (nil, text)
    }

    /// `unused`, `not modified`: up to three words in lower case, no sentence — a name as MDN
    /// and the RFCs sometimes set one, not a description, which runs longer.
    static func isLowercaseName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (1...3).contains(words.count) && text.first?.isLowercase == true
            && text.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" }
    }

    /// `unused`, `unused — The request ...`: a lower-case name alone or before a dash.
    static func opensWithLowercaseName(_ text: String) -> Bool {
        if isLowercaseName(text) { return true }
        for separator in [" - ", " — ", " – "] {
            if let range = text.firstRange(of: separator), isLowercaseName(String(text[..<range.lowerBound])) { return true }
        }
        return false
    }

    /// `UserUnauthorized - The user account ...` → (`UserUnauthorized`, `The user account ...`): a
    /// short name set off by a dash at the start of a description.
    static func namedDescription(_ text: String, maximumWords: Int = 4) -> (String, String)? {
        for separator in [" - ", " — ", " – "] {
            guard let range = text.firstRange(of: separator) else { continue }
            let name = String(text[..<range.lowerBound]).trimmingWhitespace()
            let rest = String(text[range.upperBound...]).trimmingWhitespace()
            guard name.split(separator: " ").count <= maximumWords, isTitle(name, maximumWords: maximumWords), !rest.isEmpty else { return nil }
            return (name, rest)
        }
        return nil
    }

    /// One sentence of a message: `Access denied.`, `The request signature does not conform to
    /// AWS standards.`.
    static func isMessage(_ text: String) -> Bool {
        guard let first = text.first, first.isUppercase || first.isNumber else { return false }
        let words = text.split(separator: " ")
        return words.count <= 14 && text.hasSuffix(".") && !text.dropLast().containsBytes(". ")
    }

    /// `(Bad request)` → `Bad request`.
    static func unbracketed(_ text: String) -> String {
        guard text.hasPrefix("("), text.hasSuffix(")"), !text.dropFirst().contains("(") else { return text }
        return String(text.dropFirst().dropLast()).trimmingWhitespace()
    }

    /// Short, with no sentence in it: a title, not a description.
    static func isTitle(_ text: String, maximumWords: Int = 8) -> Bool {
        guard let first = text.first, !text.isEmpty else { return false }
        let words = text.split(separator: " ")
        return words.count <= max(8, maximumWords) && !text.hasSuffix(".") && !text.containsBytes(". ")
            && (first.isUppercase || first.isNumber || first == "\"" || first == "'" || first == "(")
    }
}

/// Where a borderless row's title ends: at the status's known reason phrase, else (with a
/// title column) at the last capitalised word before the sentence that follows.
enum BorderlessSplit {
    static func split(code: String, rest: String, hasTitleColumn: Bool) -> (String?, String) {
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
