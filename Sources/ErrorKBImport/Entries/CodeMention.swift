import ErrorKBCore

/// The code or codes a heading, term, list item or table cell starts with, and what follows.
///
/// What counts as a code depends on where it stands. Anywhere: an HTTP status (`404`), a
/// snake-case or upper-case string code (`invalid_grant`, `RESOURCE_EXHAUSTED`), a hex code
/// (`0x8007000d`), letters then digits (`E0000011`, `AADSTS50020`), a dotted vendor code
/// (`Ecs.0001`). A plain number (`1000`, `-32700`) or a CamelCase name (`AuthorizationFailed`)
/// only after an error word (`Error 1000:`), in a code span, under a heading about codes, or in a
/// column whose header names codes; a plain word (`Conflict`) only in such a column.
struct CodeMention: Hashable {
    var codes: [String]
    /// The text after the codes, separators such as `:` or `—` taken off.
    var rest: String
    /// The codes stood inside a code span (`` `404 Not Found` ``): its rest ends with the span.
    var inSpan: Bool
    /// The text after the code span, when the code stood in one (`(WebDAV)` after `` `207 Multi-Status` ``).
    var afterSpan: String
    /// A separator (`:`, `-`, `—`) came right after the codes: what follows defines them.
    var separated = false
    /// The codes have a shape nothing but a code has (`404`, `invalid_grant`, `0x80070005`,
    /// `E0000011`), or a word announced them (`Error 1000`): set apart from the words after
    /// them without a separator. A CamelCase name or a plain word (`WebSocket Close Code
    /// Registry`) is a code only where it stands alone, in a span, or before a separator.
    var distinct = false

    enum Place {
        /// A table cell in the column of codes; `named` when the header says "code" or "error".
        case column(named: Bool)
        /// A heading, definition term, list item or paragraph's first line; `codeSection` when
        /// the section it stands in is about codes ("Close codes", "Error codes").
        case lead(codeSection: Bool)
        /// A definition's term: where a reply class (`1yz`, `x0z`) is enumerated with what it
        /// means, as FTP and SMTP define theirs, it is an entry like any code; and, in a section
        /// about errors, so is a name in capitals (`ENOMEM`).
        case term(errorSection: Bool)
    }

    /// Words that announce a code: `Error 1000`, `HTTP 404`, `HRESULT code 0x80070005`; each
    /// with the space that must follow it.
    private static let announcing: [String] = [
        "http status code", "http status", "http error", "http", "status code", "status", "error codes", "error code",
        "errors", "error", "hresult code", "hresult", "exit code", "return code", "code", "close code", "warning",
    ].map { $0 + " " }
    /// What joins codes in a list: `1006, 1007, 1008 or 1106`.
    /// The longest code ErrorKB takes for one: longer runs are identifiers, hashes or noise.
    static let longestCode = 100
    private static let joiners = [", ", " or ", " and ", "/", ",", " & "]
    /// The letters those words start with.
    private static let announcingInitials: Set<Character> = ["h", "s", "e", "c", "r", "w"]

    static func leading(_ raw: String, in place: Place) -> CodeMention? {
        var text = raw.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        // `Error: `404 Not Found` when ...`: a label, then the code in a span.
        for label in ["Error: `", "Error code: `", "Status: `", "Status code: `"] where text.hasPrefix(label) {
            text = String(text.dropFirst(label.count - 1))
        }
        // `` `code=10001` ``: the code as its log line writes it, a key and its value.
        for key in ["`code=", "code=", "`error_code=", "error_code="] where text.hasPrefix(key) && text.utf8.count > key.utf8.count {
            text = (key.hasPrefix("`") ? "`" : "") + String(text.dropFirst(key.count))
        }
        // `(0) SQLITE_OK`: a constant's value in brackets before its name, which is the code.
        if text.hasPrefix("("), let close = text.firstIndex(of: ")") {
            let value = String(text[text.index(after: text.startIndex)..<close]).trimmingWhitespace()
            let name = String(text[text.index(after: close)...]).trimmingWhitespace()
            if isNumber(value) || isHex(value), !name.isEmpty, name.first != "(", let mention = leading(name, in: place), mention.distinct {
                return mention
            }
        }
        // `client-error-bad-request (0x0400)`: a keyword with its value in brackets, as an
        // enum's names are listed; a keyword is lower case with hyphens, a shape prose lacks.
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let value = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingWhitespace()
            let name = String(text[..<open]).trimmingWhitespace()
            if isNumber(value) || isHex(value), isKeyword(name) {
                return CodeMention(codes: [name], rest: "", inSpan: false, afterSpan: "", distinct: true)
            }
        }
        // A lone token (`err_code_7`, `404`, a table's usual code cell) needs none of the rules
        // for marks, announcing words and lists.
        if text.utf8.allSatisfy({ Self.isTokenByte($0) }), text.utf8.last.map({ $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: "-") }) ?? false,
            text.utf8.first != UInt8(ascii: ".")
        {
            guard token(Substring(text)) != nil, isCode(text, in: place, announced: false) else { return nil }
            return CodeMention(codes: [text], rest: "", inSpan: false, afterSpan: "", distinct: hasDistinctShape(text))
        }
        // `` `207 Multi-Status` (WebDAV) ``: the span holds the code and its title, and what
        // follows it is something else.
        if text.hasPrefix("`"), let close = text.dropFirst().firstIndex(of: "`"),
            var mention = parse(String(text[text.index(after: text.startIndex)..<close]), in: place, spanned: true)
        {
            mention.inSpan = true
            mention.afterSpan = InlineText.flat(String(text[text.index(after: close)...]))
            mention.separated = mention.separated || mention.afterSpan.first.map { ":-—–=|".contains($0) } ?? false
            return mention
        }
        return parse(InlineText.plain(text).trimmingWhitespace(), in: place, spanned: false)
    }

    /// `**Internal Server Error (HTTP 500)**`, `Not Found (404)`: a status after its name, in
    /// brackets, announced by `HTTP` or named by its own reason phrase.
    static func trailingStatus(_ raw: String) -> CodeMention? {
        let text = InlineText.flat(raw).trimmingCharacters(in: "*_ ")
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return nil }
        var inner = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingWhitespace()
        let announced = inner.lowercased().hasPrefix("http ")
        if announced { inner = String(inner.dropFirst(5)).trimmingWhitespace() }
        let name = text[..<open].trimmingWhitespace()
        guard let status = HTTPStatus(code: inner), !name.isEmpty, LeadText.isTitle(name),
            announced || ReasonPhrases.isReasonPhrase(name, status: status.value)
        else { return nil }
        return CodeMention(codes: [inner], rest: name, inSpan: false, afterSpan: "", separated: true, distinct: true)
    }

    /// The text after the codes, the code span's own rest and what follows the span together.
    var fullRest: String {
        guard inSpan, !afterSpan.isEmpty else { return rest }
        return rest.isEmpty ? Self.dropSeparators(afterSpan) : rest + " " + afterSpan
    }

    private static func parse(_ plain: String, in place: Place, spanned: Bool) -> CodeMention? {
        var text = plain
        guard !text.isEmpty else { return nil }
        // `"invalid_grant"`: a quoted code, as RFCs and some tables write it.
        for (open, close) in [("\"", "\""), ("'", "'"), ("“", "”")] where text.hasPrefix(open) {
            let inner = text.dropFirst()
            if let end = inner.firstIndex(where: { String($0) == close }) {
                text = String(inner[..<end]) + inner[inner.index(after: end)...]
            }
        }
        // An error word before the code (`Error 1000`); a code span is not one, since pages set
        // any identifier in one.
        var announced = false
        let lowered = text.first.map { announcingInitials.contains(Character($0.lowercased())) } == true
            ? String(text.prefix(24)).lowercased() : ""
        for word in announcing where lowered.hasPrefix(word) {
            let after = text.dropFirst(word.count - 1).trimmingWhitespace()
            guard let first = after.unicodeScalars.first,
                first.properties.numericType != nil || first == "-"
                    || (first.properties.isUppercase && word != "http " && word != "status ")
            else { continue }
            text = after
            announced = announced || (word != "http " && word != "http status " && word != "status ")
            break
        }
        var codes: [String] = []
        var rest = Substring(text)
        while true {
            guard let (token, after) = Self.token(rest) else { break }
            // `success (0)`, `close_notify(0)`, `NO_ERROR (0x00)`: an enumerator with its value,
            // which makes a name a code.
            let valued = codes.isEmpty && Self.valueInBrackets(after) != nil
            guard Self.isCode(token, in: valued ? .column(named: true) : place, announced: announced, spanned: spanned) else { break }
            // `UV_ERRNO_MAP(iter_macro)`, `open(path)`: a call's signature, not a code.
            if after.hasPrefix("("), !valued { return nil }
            // Codes in a list share one shape: `1006, 1007, 1008 or 1106`.
            if let previous = codes.last, Self.shape(previous) != Self.shape(token) { break }
            codes.append(token)
            rest = after
            // The value maps to no field: what follows it is the rest.
            if valued, let value = Self.valueInBrackets(after) { rest = after[value.endIndex...] }
            var continued = false
            for joiner in Self.joiners where rest.hasPrefix(joiner) {
                let candidate = rest.dropFirst(joiner.count).drop { $0 == " " }
                if let (next, _) = Self.token(candidate), Self.shape(next) == Self.shape(token),
                    Self.isCode(next, in: place, announced: announced, spanned: spanned)
                {
                    rest = candidate
                    continued = true
                }
                break
            }
            if !continued { break }
        }
        guard !codes.isEmpty else { return nil }
        let after = rest.trimmingWhitespace()
        return CodeMention(
            codes: codes, rest: Self.dropSeparators(after), inSpan: false, afterSpan: "",
            separated: after.first.map { ":-—–=|".contains($0) } ?? false,
            distinct: announced || codes.allSatisfy(Self.hasDistinctShape))
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
            || byte == 0x2E || byte == 0x2D
    }

    /// The code-shaped token at the start: letters, digits, `_`, `.`, `-`, as long as it goes,
    /// without a trailing `.` or `-`. A range (`100-199`, `4000–4999`) or a class (`4xx`) is none.
    private static func token(_ text: Substring) -> (String, Substring)? {
        var end = text.startIndex
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var length = 0
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let isPart = scalar.isASCII && Self.isTokenByte(UInt8(scalar.value))
            guard isPart else { break }
            index = scalars.index(after: index)
            end = index
            length += 1
            // No code is this long (`isCode`): a run of letters this long is not read to its end.
            if length > Self.longestCode + 2 { return nil }
        }
        var token = String(text[text.startIndex..<end])
        while let last = token.last, last == "." || last == "-" { token.removeLast() }
        guard !token.isEmpty, token.first != "." else { return nil }
        // The token is ASCII: its bytes are its characters.
        let after = text[text.utf8.index(text.startIndex, offsetBy: token.utf8.count)...]
        // `4000–4999`, `100 - 199`, `0xB - 0xF`, `1xx`: ranges and classes.
        if after.hasPrefix("–") || after.hasPrefix("—") && after.dropFirst().first?.isNumber == true { return nil }
        if after.hasPrefix(" - "), after.dropFirst(3).first?.isNumber == true, token.allSatisfy(\.isNumber) || isHex(token) { return nil }
        // `65,535`, `3,841`: a quantity written with thousands apart.
        if after.hasPrefix(","), after.dropFirst().prefix(3).count == 3, after.dropFirst().prefix(3).allSatisfy(\.isNumber),
            token.allSatisfy(\.isNumber), after.dropFirst(4).first.map({ !$0.isNumber }) ?? true
        {
            return nil
        }
        if after.hasPrefix(" to "), after.dropFirst(4).first.map({ $0.isNumber || $0 == "-" }) == true { return nil }
        return (token, after)
    }

    /// `announced`: an error word stands before the token (`Error 1000`); `spanned`: the token
    /// is set in a code span (`` `conflict` ``).
    static func isCode(_ token: String, in place: Place, announced: Bool, spanned: Bool = false) -> Bool {
        // Bytes first: counting the characters of a long run is itself slow.
        guard token.utf8.count <= 4 * Self.longestCode, token.count <= Self.longestCode else { return false }
        if Self.httpMethods.contains(token) || Self.structuralWords.contains(token) { return false }
        if case .term = place, isReplyClass(token) { return true }
        if case .term(errorSection: true) = place, token.count >= 3, token.allSatisfy({ $0.isASCII && $0.isUppercase }) { return true }
        guard !isRangeOrClass(token) else { return false }
        if HTTPStatus(code: token) != nil || CodeToken.isStringCode(token) || isHex(token) || isLettersThenDigits(token)
            || isDottedCode(token)
        {
            return true
        }
        let namedColumn: Bool
        let codeSection: Bool
        switch place {
        case .column(let named):
            namedColumn = named
            codeSection = named
        case .lead(let section):
            namedColumn = false
            codeSection = section
        case .term:
            namedColumn = false
            codeSection = true
        }
        if isNumber(token) || isDottedNumber(token) { return announced || codeSection }
        // `AuthorizationFailed`: where codes are expected, set apart in a span or long enough not
        // to be a word (`OAuth`); a class named in a span elsewhere is a class.
        if isCamelCase(token) { return announced || namedColumn || codeSection && (spanned || token.count >= 6) }
        // `accessDenied`, `itemNotFound`: lower camel case, as Microsoft Graph and Google write
        // their codes, is the same evidence where codes are expected.
        if isLowerCamelCase(token) { return announced || namedColumn || codeSection && (spanned || token.count >= 6) }
        // `Conflict` in a column of codes; `conflict` in a code span under a heading about errors.
        // `CANCELLED`, `EACCES`: a name in capitals, where codes are expected.
        if isWord(token) { return namedColumn || spanned && codeSection || codeSection && token.allSatisfy(\.isUppercase) }
        // `error.code`, `err.syscall`: an object's property, not a code, unless a column of codes
        // or an error word says so.
        if isPropertyPath(token) { return namedColumn || announced }
        // `accessDenied`, `0A000` (SQLSTATE), `01S00`: an identifier where codes are expected.
        if isIdentifier(token) || isAlphanumeric(token) { return namedColumn || announced || spanned && codeSection }
        return false
    }

    /// `(0)`, ` (0x0a)`, `(-32700)`: a value in brackets right after a name, and its length.
    static func valueInBrackets(_ text: Substring) -> Substring? {
        let trimmed = text.drop { $0 == " " }
        guard trimmed.hasPrefix("("), let close = trimmed.firstIndex(of: ")") else { return nil }
        let inner = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
        guard isNumber(String(inner)) || isHex(String(inner)) else { return nil }
        return trimmed[...close]
    }

    /// A shape only codes have: an HTTP status, a string code, a hex number, capitals then digits,
    /// a dotted vendor code.
    static func hasDistinctShape(_ token: String) -> Bool {
        HTTPStatus(code: token) != nil || CodeToken.isStringCode(token) || isHex(token) || isLettersThenDigits(token)
            || isDottedCode(token) || isDistinctDottedNumber(token)
    }

    /// `4.04`, `2.01`, `X.1.1`, `5.1.10`, `2.XXX.XXX`: numbers in dotted parts, as CoAP and
    /// enhanced mail status codes are written, an `X` standing for any digit. Like a plain
    /// number, a code only where codes are expected.
    static func isDottedNumber(_ token: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...4).contains(parts.count) else { return false }
        var digits = false
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "X" || $0 == "x" }) else { return false }
            if part.contains(where: \.isNumber) { digits = true }
        }
        return digits
    }

    /// A dotted number no version or decimal looks like: three parts (`X.1.1`), a placeholder
    /// (`2.XXX`), or a class digit with a two-digit detail (`4.04`).
    private static func isDistinctDottedNumber(_ token: String) -> Bool {
        guard isDottedNumber(token) else { return false }
        let parts = token.split(separator: ".")
        return parts.count >= 3 || token.contains(where: { $0 == "X" }) || parts.count == 2 && parts[0].count == 1 && parts[1].count == 2
    }

    /// How a code is written, so that a list of codes stops at something else: digits, or not.
    private static func shape(_ token: String) -> Bool { isNumber(token) }

    /// Words a page's structure uses that are never codes, however many codes stand beside
    /// them: a manual page's sections, OpenAPI's `default` response.
    static let structuralWords: Set<String> = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "ERRORS", "EXAMPLE", "EXAMPLES", "NOTES",
        "BUGS", "AUTHOR", "AUTHORS", "HISTORY", "AVAILABILITY", "COPYRIGHT", "ENVIRONMENT", "FILES", "STANDARDS", "default", "Default",
        "Overview", "Introduction", "Summary", "References", "Examples", "Description", "Errors", "Notes", "Remarks", "Syntax",
        "NOTE", "WARNING", "TODO", "TIP", "IMPORTANT", "CAUTION", "SUMMARY", "API", "FAQ", "URL", "URI", "HTTP", "HTTPS", "JSON", "XML",
        "SDK", "CLI", "TLS", "SSL", "DNS", "TCP", "UDP", "IP", "ID", "REST", "RPC", "SQL", "UTF", "ASCII", "RFC", "IANA", "TSIG", "RR", "ISSN", "ISBN", "DOI", "BCP", "STD"]

    /// HTTP's and WebDAV's methods: words in capitals that are never codes.
    static let httpMethods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "COPY", "MOVE",
        "LOCK", "UNLOCK", "MKCOL", "PROPFIND", "PROPPATCH", "FETCH", "IPATCH"]

    /// `1yz`, `x0z`, `4xx`, `x0zz`: three or four places, digits and letters standing for any digit.
    static func isReplyClass(_ token: String) -> Bool {
        (3...4).contains(token.count) && token.allSatisfy { $0.isNumber || "xyzXYZ".contains($0) } && token.contains(where: \.isNumber)
            && token.contains(where: \.isLetter)
    }

    /// `0-999`, `0.01-0.31`, `4000–4999`: a range of values.
    static func isRange(_ text: String) -> Bool {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "—" }).map { $0.trimmingWhitespace() }
        return parts.count == 2 && text.first != "-" && parts.allSatisfy { isNumber($0) || isDottedNumber($0) }
    }

    private static func isRangeOrClass(_ token: String) -> Bool {
        let bytes = token.utf8
        // `4xx`
        if bytes.count == 3, let first = bytes.first, (0x30...0x39).contains(first),
            bytes.dropFirst().allSatisfy({ $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") })
        {
            return true
        }
        // `100-199`
        guard bytes.contains(UInt8(ascii: "-")) else { return false }
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// `client-error-bad-request`: lower-case words joined by hyphens, two or more.
    static func isKeyword(_ token: String) -> Bool {
        let words = token.split(separator: "-", omittingEmptySubsequences: false)
        return words.count >= 2 && token.utf8.count <= 100
            && words.allSatisfy { !$0.isEmpty && $0.first?.isLetter == true && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }
    }

    static func isNumber(_ token: String) -> Bool {
        let digits = token.hasPrefix("-") ? token.dropFirst() : Substring(token)
        return !digits.isEmpty && digits.count <= 12 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isHex(_ token: String) -> Bool {
        let lowered = token.lowercased()
        return lowered.hasPrefix("0x") && lowered.count >= 3 && lowered.dropFirst(2).allSatisfy(\.isHexDigit)
    }

    /// `E0000011`, `AADSTS50020`, `ERR_42`-less forms: capitals, then at least three digits.
    private static func isLettersThenDigits(_ token: String) -> Bool {
        let letters = token.prefix { $0.isASCII && $0.isUppercase }
        let digits = token.dropFirst(letters.count)
        return !letters.isEmpty && digits.count >= 3 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `Ecs.0001`, `ERR-1234`: letters, a dot or hyphen, digits.
    private static func isDottedCode(_ token: String) -> Bool {
        guard let separator = token.firstIndex(where: { $0 == "." || $0 == "-" }) else { return false }
        let letters = token[..<separator]
        let digits = token[token.index(after: separator)...]
        return !letters.isEmpty && letters.allSatisfy { $0.isASCII && $0.isLetter } && digits.count >= 2
            && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `AuthorizationFailed`, `StatusConflict`: two or more capitalised words run together
    /// (`OAuth` and `OpenID` are one word each).
    private static func isCamelCase(_ token: String) -> Bool {
        guard let first = token.first, first.isUppercase, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return false }
        // A word starts at a capital before a small letter (`Exception`), and a run of two or more
        // capitals before it is a word too (`EFSIOException`); `OAuth` is one word.
        let characters = Array(token)
        var words = 0
        var capitals = 0
        for (index, character) in characters.enumerated() {
            if character.isUppercase {
                capitals += 1
                continue
            }
            if character.isLowercase, capitals > 0 {
                words += 1
                if capitals >= 3 || capitals == 2 && index >= 3 { words += 1 }
            }
            capitals = 0
            _ = index
        }
        // A trailing run of capitals is a word from three on: `OpenID` is one word.
        if capitals >= 3 { words += 1 }
        return words >= 2
    }

    /// `accessDenied`: a word in small letters, then words each opening with a capital (not a
    /// brand's one letter before its name, `iPhone`, `eBay`).
    private static func isLowerCamelCase(_ token: String) -> Bool {
        guard token.first?.isLowercase == true, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            let capital = token.firstIndex(where: \.isUppercase)
        else { return false }
        return token.distance(from: token.startIndex, to: capital) >= 2
    }

    private static func isWord(_ token: String) -> Bool {
        token.count >= 2 && token.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// Lower-case words joined by dots (`error.code`, `error.opensslErrorStack`).
    private static func isPropertyPath(_ token: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { part in
            part.first.map { $0.isASCII && $0.isLowercase } == true && part.allSatisfy { $0.isASCII && $0.isLetter }
        }
    }

    /// Letters and digits, both: `0A000`, `42S02`, `HY000`.
    private static func isAlphanumeric(_ token: String) -> Bool {
        token.count <= 16 && token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } && token.contains(where: \.isLetter)
            && token.contains(where: \.isNumber)
    }

    private static func isIdentifier(_ token: String) -> Bool {
        token.first?.isLetter == true && token.contains(where: \.isLetter)
    }

    /// `: text`, `— text`, `- text`, `= text` → `text`.
    static func dropSeparators(_ text: String) -> String {
        var rest = text.trimmingWhitespace()
        guard let first = rest.first, ":—–-=|,".contains(first) else { return rest }
        var changed = true
        while changed {
            changed = false
            for separator in [":", "—", "–", "-", "=", "|", ","] where rest.hasPrefix(separator) {
                rest = String(rest.dropFirst(separator.count)).trimmingWhitespace()
                changed = true
            }
        }
        return rest
    }
}

