/// What an error code may be, the one rule the CLI, the importer, a restore and the HTTP API
/// share: 1 to 100 ASCII letters, digits, `_`, `-` and `.`, with at least one letter or digit.
/// So every stored code is one path segment of `/v1/codes/{code}` as it is, never `.` or `..`,
/// never a character a URL or a terminal would change: `404`, `invalid_grant`, `E0000011`,
/// `0x80070005`, `AADSTS50020`, `-32600` (JSON-RPC), `rate.limited`.
public enum ErrorCode {
    public static let maximumLength = 100

    /// The rule as a regular expression, for the OpenAPI document (with `maxLength`).
    public static let pattern = "^[A-Za-z0-9_.-]*[A-Za-z0-9][A-Za-z0-9_.-]*$"

    public static func isValid(_ code: String) -> Bool {
        let bytes = code.utf8
        guard (1...maximumLength).contains(bytes.count) else { return false }
        var hasLetterOrDigit = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                hasLetterOrDigit = true
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                continue
            default:
                return false
            }
        }
        return hasLetterOrDigit
    }

    /// Refuses a code that breaks the rule, or whose kind does not fit it (`http` is exactly an
    /// HTTP status from 100 to 599, and an HTTP status is always of kind `http`).
    public static func validate(_ code: String, kind: CodeKind) throws {
        guard isValid(code) else {
            throw KnowledgeBaseError.invalid(
                field: "code",
                reason: "\(code.quotedForMessage()) must be 1-\(maximumLength) ASCII letters, digits, '_', '-' and '.', with a letter or digit")
        }
        if kind == .http, HTTPStatus(code: code) == nil {
            throw KnowledgeBaseError.invalid(field: "code", reason: "\(code.quotedForMessage()) is not an HTTP status from 100 to 599")
        }
        if kind != .http, HTTPStatus(code: code) != nil {
            throw KnowledgeBaseError.invalid(field: "code", reason: "\(code.quotedForMessage()) is an HTTP status; its kind is http")
        }
    }
}
