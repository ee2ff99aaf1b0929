/// What an error code may be, the one rule the CLI, the importer, a restore and the HTTP API
/// share: 1 to 100 ASCII letters, digits, `_`, `-` and `.`, with at least one letter or digit,
/// in words set apart by single spaces: `404`, `invalid_grant`, `E0000011`, `0x80070005`,
/// `AADSTS50020`, `-32600` (JSON-RPC), `rate.limited`, and WebDriver's `no such element`.
/// Never `.` or `..`, never a leading, trailing or double space, never a character a terminal
/// would change; in a URL a space is `%20`, one path segment of `/v1/codes/{code}` still.
public enum ErrorCode {
    public static let maximumLength = 100

    /// The rule as a regular expression, for the OpenAPI document (with `maxLength`).
    /// Without look-ahead, which not every JSON Schema tool reads: words of marks only, then a
    /// word with a letter or digit, then any words.
    public static let pattern = "^([_.-]+ )*[_.-]*[A-Za-z0-9][A-Za-z0-9_.-]*( [A-Za-z0-9_.-]+)*$"

    public static func isValid(_ code: String) -> Bool {
        let bytes = code.utf8
        guard (1...maximumLength).contains(bytes.count) else { return false }
        var hasLetterOrDigit = false
        var previous = UInt8(ascii: " ")
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                hasLetterOrDigit = true
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                break
            case UInt8(ascii: " "):
                // Words apart by one space: none at either end, never two together.
                if previous == UInt8(ascii: " ") { return false }
            default:
                return false
            }
            previous = byte
        }
        return hasLetterOrDigit && previous != UInt8(ascii: " ")
    }

    /// The code as one URL path segment: every character the rule allows is unreserved in a URL
    /// but the space, which is `%20` (`no%20such%20element`).
    public static func pathSegment(_ code: String) -> String {
        code.utf8.contains(UInt8(ascii: " ")) ? code.split(separator: " ", omittingEmptySubsequences: false).joined(separator: "%20") : code
    }

    /// A path segment read back into the code it names: `%20` (any case) is a space. Any other
    /// escape is left as it is, and then breaks the rule.
    public static func fromPathSegment(_ segment: String) -> String {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return segment }
        var result = ""
        var rest = Substring(segment)
        while let range = rest.range(of: "%20") {
            result += rest[..<range.lowerBound] + " "
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// Refuses a code that breaks the rule, or whose kind does not fit it (`http` is exactly an
    /// HTTP status from 100 to 599, and an HTTP status is always of kind `http`).
    public static func validate(_ code: String, kind: CodeKind) throws {
        guard isValid(code) else {
            throw KnowledgeBaseError.invalid(
                field: "code",
                reason: "\(code.quotedForMessage()) must be 1-\(maximumLength) ASCII letters, digits, '_', '-' and '.', with a letter or digit, in words apart by single spaces")
        }
        if kind == .http, HTTPStatus(code: code) == nil {
            throw KnowledgeBaseError.invalid(field: "code", reason: "\(code.quotedForMessage()) is not an HTTP status from 100 to 599")
        }
        if kind != .http, HTTPStatus(code: code) != nil {
            throw KnowledgeBaseError.invalid(field: "code", reason: "\(code.quotedForMessage()) is an HTTP status; its kind is http")
        }
    }
}
