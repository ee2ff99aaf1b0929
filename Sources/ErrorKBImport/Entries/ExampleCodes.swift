/// Codes that a page shows only inside an example, under a heading that names them:
///
///     ## Incorrect client credentials
///     ```json
///     { "error": "incorrect_client_credentials", ... }
///     ```
///
/// (or `?error=access_denied` in a redirect, `error="invalid_token"` in a challenge, or named in
/// the section's text as "the `InstanceLimitExceeded` error"). The code is an entry when the
/// heading's words are the code's words.
enum ExampleCodes {
    static func named(by heading: String, in blocks: [Block]) -> String? {
        var values: [String] = []
        func collect(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .code(let code): values += errorValues(in: code.text)
                case .paragraph(let paragraph): values += namedErrors(in: paragraph.text)
                case .list(let list): for item in list.items { collect(item.blocks) }
                default: break
                }
            }
        }
        collect(blocks)
        let headingWords = words(InlineText.flat(heading))
        guard !headingWords.isEmpty else { return nil }
        var matches: [String] = []
        for value in values where !matches.contains(value) {
            let codeWords = words(value)
            let shared = codeWords.filter(headingWords.contains).count
            if codeWords == headingWords || (shared == codeWords.count && shared >= 2) || (shared == headingWords.count && shared >= 2) {
                matches.append(value)
            }
        }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The words of a heading or code, CamelCase humps apart: `InstanceLimitExceeded` →
    /// `instance limit exceeded`.
    private static func words(_ text: String) -> [String] {
        var spaced = ""
        var previous: Character?
        for character in text {
            if character.isUppercase, let before = previous, before.isLowercase { spaced.append(" ") }
            spaced.append(character)
            previous = character
        }
        return spaced.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// "You get the `InstanceLimitExceeded` error": a code span a sentence calls an error.
    static func namedErrors(in text: String) -> [String] {
        guard text.containsBytes("`") else { return [] }
        var found: [String] = []
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        // Odd parts are inside spans.
        for index in stride(from: 1, to: parts.count - 1, by: 2) {
            let value = parts[index].trimmingWhitespace()
            let after = parts[index + 1].trimmingWhitespace().lowercased()
            guard !value.contains(" "), ["error", "exception", "fault", "code"].contains(where: { after.hasPrefix($0) }) else { continue }
            if CodeToken.isStringCode(value) || value.first?.isUppercase == true && value.contains(where: \.isLowercase) || value.contains(".") {
                found.append(value)
            }
        }
        return found
    }

    private static let keys = ["error", "errcode", "error_code", "code"]

    /// The values an example gives its error keys: `"error": "x"`, `error=x`, `error="x"`,
    /// `<error>x</error>`.
    static func errorValues(in text: String) -> [String] {
        var values: [String] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func isValueScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "." || scalar == "-")
        }
        while index < scalars.count {
            var matched: String?
            for key in keys {
                let keyScalars = Array(key.unicodeScalars)
                guard index + keyScalars.count <= scalars.count, Array(scalars[index..<(index + keyScalars.count)]) == keyScalars
                else { continue }
                // The key stands alone: not `error_description`, not `my_error`.
                let before = index > 0 ? scalars[index - 1] : " "
                let afterIndex = index + keyScalars.count
                guard !isValueScalar(before), afterIndex < scalars.count, !isValueScalar(scalars[afterIndex]) else { continue }
                var cursor = afterIndex
                if scalars[cursor] == "\"" || scalars[cursor] == ">" { cursor += 1 }
                while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
                guard cursor < scalars.count, scalars[cursor] == ":" || scalars[cursor] == "=" || scalars[afterIndex] == ">" else { continue }
                if scalars[cursor] == ":" || scalars[cursor] == "=" { cursor += 1 }
                while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
                if cursor < scalars.count, scalars[cursor] == "\"" || scalars[cursor] == "'" { cursor += 1 }
                var end = cursor
                while end < scalars.count, isValueScalar(scalars[end]) { end += 1 }
                if end > cursor {
                    var value = String(String.UnicodeScalarView(scalars[cursor..<end]))
                    while value.hasSuffix(".") { value.removeLast() }
                    if CodeToken.isStringCode(value) { matched = value }
                }
                break
            }
            if let matched { values.append(matched) }
            index += 1
        }
        return values
    }
}
