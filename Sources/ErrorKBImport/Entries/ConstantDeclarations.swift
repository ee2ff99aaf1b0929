import ErrorKBCore

/// Codes declared as constants in program source shown on a page: a protobuf or C enum
/// (`NOT_FOUND = 5;`), TypeScript or Java constants (`export const ParseError: integer =
/// -32700;`), `#define EFOO 12`; each with the comment above it (or after it on its line) as
/// what it means. A block is read only when it declares codes: an enum or namespace named for
/// them (`enum Code`, `namespace ErrorCodes`) or a section about them, and at least three
/// constants with whole-number values.
///
/// Which is the code, the name or the number, follows the page's own presentation ("A name and
/// a number" in the corpus README): an enum of upper-case names (`NOT_FOUND = 5`) is an enum of
/// symbolic codes, whose numbers are ordinals; constants named in camel case (`ParseError =
/// -32700`) name numeric codes, and the name is the title; numbers that are all HTTP statuses
/// are the codes.
struct ConstantDeclarations {
    struct Declaration {
        var name: String
        var value: String
        var comment: [String]
        var line: Int
        var commentStart: Int
        /// The text a declaration gives with the value (`(404, NOT_FOUND, "Not Found")`).
        var text: String? = nil
        /// The declaration as written, for a code no comment explains: what the page says of it.
        var source = ""

        /// The title its comment gives when it opens with the value (`/// 404 Not Found`), else
        /// the declaration's own text.
        var statedTitle: String? {
            if let first = comment.first(where: { !$0.isEmpty }), first.hasPrefix(value + " ") {
                let title = first.dropFirst(value.count + 1).trimmingWhitespace()
                if !title.isEmpty, LeadText.isTitle(title) { return title }
            }
            return text
        }
    }

    static let minimumDeclarations = 3

    let declarations: [Declaration]

    /// The declarations of `code`, or `nil` when the block declares no codes.
    init?(_ code: CodeBlock, sectionIsAboutCodes: Bool) {
        let lines = code.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count <= 100_000 else { return nil }
        var found: [Declaration] = []
        var comment: [String] = []
        var commentStart: Int?
        var inBlockComment = false
        var namesCodes = sectionIsAboutCodes
        for (offset, raw) in lines.enumerated() {
            let number = code.lines.start + offset
            let text = raw.trimmingWhitespace()
            if inBlockComment {
                if let close = text.range(of: "*/") {
                    inBlockComment = false
                    Self.appendComment(String(text[..<close.lowerBound]), to: &comment)
                } else {
                    Self.appendComment(text, to: &comment)
                }
                continue
            }
            if text.isEmpty {
                comment = []
                commentStart = nil
                continue
            }
            if text.hasPrefix("/*") {
                if comment.isEmpty { commentStart = number }
                let inner = text.dropFirst(text.hasPrefix("/**") ? 3 : 2)
                if let close = inner.range(of: "*/") {
                    Self.appendComment(String(inner[..<close.lowerBound]), to: &comment)
                } else {
                    inBlockComment = true
                    Self.appendComment(String(inner), to: &comment)
                }
                continue
            }
            if text.hasPrefix("//") {
                if comment.isEmpty { commentStart = number }
                Self.appendComment(String(text.drop { $0 == "/" }), to: &comment)
                continue
            }
            if Self.opensCodeContainer(text) || Self.closesCodeContainer(text) { namesCodes = true }
            if var declaration = Self.declaration(text, line: number) {
                declaration.source = text
                declaration.comment = comment + declaration.comment
                declaration.commentStart = commentStart ?? number
                found.append(declaration)
            }
            comment = []
            commentStart = nil
        }
        let codes = found.filter { !Self.isRangeMarker($0) }
        guard namesCodes, codes.count >= Self.minimumDeclarations else { return nil }
        declarations = codes
    }

    /// Upper-case names are the codes; otherwise the numbers are, and the names their titles.
    var namesAreCodes: Bool {
        if declarations.allSatisfy({ HTTPStatus(code: $0.value) != nil }) { return false }
        // `NOT_FOUND`, `close_notify`: names with a code's shape, not a type's (`ParseError`).
        let symbolic = declarations.filter { declaration in
            declaration.name.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" } || CodeToken.isStringCode(declaration.name)
        }
        return symbolic.count * 10 >= declarations.count * 8
    }

    private static func appendComment(_ raw: String, to comment: inout [String]) {
        var text = raw.trimmingWhitespace()
        if text.hasPrefix("*") { text = String(text.drop { $0 == "*" }).trimmingWhitespace() }
        comment.append(text)
    }

    /// `enum Code {`, `export namespace ErrorCodes {`, `public enum StatusCode`: a container whose
    /// name says it holds codes.
    private static func opensCodeContainer(_ text: String) -> Bool {
        let words = text.split { !$0.isLetter && !$0.isNumber && $0 != "_" }.map(String.init)
        // `status_codes! {`, `ERROR_CODES = {`: a macro or table named for codes, opening a block.
        if text.hasSuffix("{"), let first = words.first?.lowercased(),
            ["code", "error", "status"].contains(where: { first.contains($0) })
        {
            return true
        }
        guard let keyword = words.firstIndex(where: { ["enum", "namespace", "class", "object", "struct", "interface"].contains($0) }),
            keyword + 1 < words.count
        else { return false }
        let name = words[keyword + 1].lowercased()
        return codeWords.contains { name.contains($0) }
    }

    private static let codeWords = ["code", "error", "status", "result", "exception", "fault", "reason", "alert"]

    /// `} AlertDescription;`: a C enum's name after its closing brace.
    private static func closesCodeContainer(_ text: String) -> Bool {
        guard text.hasPrefix("}") else { return false }
        let name = String(text.dropFirst()).trimmingCharacters(in: " ;").lowercased()
        return !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && codeWords.contains { name.contains($0) }
    }

    /// `NAME = 5;`, `NAME: integer = -32700;`, `const NAME = 0x10,`, `#define NAME 12`, with any
    /// `// comment` after it.
    private static func declaration(_ text: String, line: Int) -> Declaration? {
        if let tuple = tuple(text, line: line) { return tuple }
        var statement = text
        var trailing: [String] = []
        if let comment = statement.range(of: "//") {
            trailing = [String(statement[comment.upperBound...]).trimmingWhitespace()].filter { !$0.isEmpty }
            statement = String(statement[..<comment.lowerBound]).trimmingWhitespace()
        }
        var words = statement.split(separator: " ").map(String.init)
        if words.first == "#define", words.count >= 3 {
            let value = words[2]
            guard isIdentifier(words[1]), isWholeNumber(value) else { return nil }
            return Declaration(name: words[1], value: normalised(value), comment: trailing, line: line, commentStart: line)
        }
        let modifiers: Set<String> = ["export", "public", "static", "final", "const", "let", "var", "readonly", "case", "private", "internal", "val"]
        while let first = words.first, modifiers.contains(first) { words.removeFirst() }
        let rest = words.joined(separator: " ")
        guard let equals = rest.firstIndex(of: "=") else { return nil }
        var name = String(rest[..<equals]).trimmingWhitespace()
        // `ParseError: integer`: a typed constant.
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]).trimmingWhitespace() }
        var value = String(rest[rest.index(after: equals)...]).trimmingWhitespace()
        while let last = value.last, last == ";" || last == "," { value.removeLast() }
        value = value.trimmingWhitespace()
        // `NAME = 5 [deprecated = true]`: options after the value.
        if let space = value.firstIndex(of: " ") { value = String(value[..<space]) }
        guard isIdentifier(name), isWholeNumber(value), !rest[rest.index(after: equals)...].hasPrefix("=") else { return nil }
        return Declaration(name: name, value: normalised(value), comment: trailing, line: line, commentStart: line)
    }

    /// `(404, NOT_FOUND, "Not Found");`: a value, a name and its text, as a macro table lists
    /// them; `close_notify(0),`: an enumerator with its value in brackets, as TLS writes them.
    private static func tuple(_ text: String, line: Int) -> Declaration? {
        var statement = text.trimmingWhitespace()
        while let last = statement.last, last == ";" || last == "," { statement.removeLast() }
        if let open = statement.firstIndex(of: "("), open != statement.startIndex, statement.hasSuffix(")") {
            let name = String(statement[..<open]).trimmingWhitespace()
            let value = String(statement[statement.index(after: open)..<statement.index(before: statement.endIndex)])
            guard isIdentifier(name), isWholeNumber(value) else { return nil }
            return Declaration(name: name, value: value, comment: [], line: line, commentStart: line)
        }
        guard statement.hasPrefix("("), statement.hasSuffix(")") else { return nil }
        let inner = statement.dropFirst().dropLast()
        let parts = inner.split(separator: ",", maxSplits: 2).map { $0.trimmingWhitespace() }
        guard parts.count >= 2, isWholeNumber(parts[0]), isIdentifier(parts[1]) else { return nil }
        var declaration = Declaration(name: parts[1], value: parts[0], comment: [], line: line, commentStart: line)
        if parts.count == 3, parts[2].hasPrefix("\""), parts[2].hasSuffix("\""), parts[2].count >= 2 {
            declaration.text = String(parts[2].dropFirst().dropLast())
        }
        return declaration
    }

    /// Range markers are constants that bound codes, not codes: `jsonrpcReservedErrorRangeStart`,
    /// `serverErrorEnd`, `ERROR_CODE_MAX`.
    private static func isRangeMarker(_ declaration: Declaration) -> Bool {
        let name = declaration.name.lowercased()
        let bounds = ["start", "end", "begin", "first", "last", "min", "max"]
        if bounds.contains(where: { name.hasSuffix($0) && name != $0 }) { return true }
        let comment = declaration.comment.joined(separator: " ").lowercased()
        return comment.contains("not denote a real error code") || comment.contains("doesn't denote a real error code")
            || comment.contains("not a real error code")
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    private static func isWholeNumber(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if digits.lowercased().hasPrefix("0x") { return digits.count > 2 && digits.dropFirst(2).allSatisfy(\.isHexDigit) }
        return !digits.isEmpty && digits.count <= 12 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `0x10` stays as written; `-32700` too: a code is what the page writes.
    private static func normalised(_ value: String) -> String { value }
}
