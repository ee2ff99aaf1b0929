import ErrorKBCore

/// Recognises error codes in text: HTTP statuses (`404`) and string codes (`invalid_grant`).
enum CodeToken {
    /// The code `text` starts with and what follows it (trimmed), or `nil`. Wrapping backticks,
    /// quotes and bold markers are ignored; a range such as `100-199` or `4xx` is no code.
    static func leading(_ text: String) -> (code: String, rest: String)? {
        let unwrapped = stripMarkup(text)
        var scalars = Substring(unwrapped).unicodeScalars[...]
        if unwrapped.lowercased().hasPrefix("http "), unwrapped.dropFirst(5).first?.isNumber == true {
            scalars = scalars.dropFirst(5)
        }
        // String(Substring.UnicodeScalarView) copies the bytes; building a String.UnicodeScalarView
        // scalar by scalar was half of this function's time.
        let token = String(scalars.prefix { isCodeScalar($0) })
        guard !token.isEmpty else { return nil }
        let after = scalars.dropFirst(token.unicodeScalars.count)
        if let next = after.first, next == "-" || next == "/" || next == "." && after.dropFirst().first.map(isCodeScalar) == true {
            return nil  // 100-199, 4/5, 1.1: numbers, not codes
        }
        guard isCode(token) else { return nil }
        var rest = String(after).trimmingWhitespace()
        for separator in ["-", "–", "—", ":", "="] where rest.hasPrefix(separator) {
            rest = String(rest.dropFirst(separator.count)).trimmingWhitespace()
        }
        return (token, rest)
    }

    /// The code when `text` is exactly one code.
    static func whole(_ text: String) -> String? {
        guard let (code, rest) = leading(text), rest.isEmpty else { return nil }
        return code
    }

    /// An HTTP status (three digits, 100-599) or a snake_case string code.
    static func isCode(_ token: String) -> Bool {
        HTTPStatus(code: token) != nil || isStringCode(token)
    }

    /// Letters and digits in at least two parts joined by underscores: `invalid_grant`,
    /// `RATE_LIMITED`. A plain word is too often just a word.
    static func isStringCode(_ token: String) -> Bool {
        guard token.utf8.count <= 100, let first = token.utf8.first, (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first),
            token.containsBytes("_"), !token.hasSuffix("_"), !token.containsBytes("__")
        else { return false }
        return token.unicodeScalars.allSatisfy { $0.isASCII && (isCodeScalar($0)) }
    }

    /// `Invalid Request` → `invalid_request`, for tables that give an OAuth code by its title.
    static func snakeCase(_ title: String) -> String? {
        let words = title.split { !$0.isLetter && !$0.isNumber }.map { $0.lowercased() }
        guard words.count >= 2, words.allSatisfy({ $0.allSatisfy(\.isASCII) }) else { return nil }
        let code = words.joined(separator: "_")
        return isStringCode(code) ? code : nil
    }

    static func stripMarkup(_ text: String) -> String {
        var result = text.trimmingWhitespace()
        guard let first = result.first, "*_`\"'“”".contains(first) else { return result }
        for marker in ["**", "__", "`", "\"", "'", "“", "”"] {
            if result.hasPrefix(marker), result.dropFirst(marker.count).contains(marker),
                let range = result.dropFirst(marker.count).range(of: marker)
            {
                let inner = result[result.index(result.startIndex, offsetBy: marker.count)..<range.lowerBound]
                result = String(inner) + result[range.upperBound...]
            }
        }
        return result.trimmingWhitespace()
    }

    private static func isCodeScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: true
        default: false
        }
    }
}
