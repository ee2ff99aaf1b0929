/// What a client should do after one HTTP status or OAuth error, and the sentence of a
/// specification that says so, with where that sentence was read.
public struct RetryGuidance: Codable, Sendable, Hashable {
    public enum Decision: String, Codable, Sendable, Hashable, CaseIterable {
        /// Repeat the request as it was.
        case yes
        /// Do not repeat it: the condition is permanent.
        case no
        /// Repeat it only once something is changed: credentials, the request, a header.
        case afterChange = "after_change"
        /// Repeat it after waiting: the `Retry-After` delay, a polling interval.
        case afterDelay = "after_delay"
    }

    public var code: String
    /// Where the guidance holds when not everywhere (`revocation endpoint`); `nil` for everywhere.
    public var context: String?
    public var retry: Decision
    /// Whether only an idempotent request may be repeated automatically.
    public var idempotentOnly: Bool
    /// What to wait for or how long, when `retry` says wait: `Retry-After, if sent`.
    public var wait: String?
    /// The specification and section, as registries write it: `[RFC9110, Section 15.6.4]`.
    public var reference: String
    /// The sentence the guidance rests on, verbatim.
    public var quote: String
    /// Where the quote was read: the stored copy of the specification.
    public var readFrom: String

    public init(
        code: String, context: String? = nil, retry: Decision, idempotentOnly: Bool, wait: String? = nil,
        reference: String, quote: String, readFrom: String
    ) {
        self.code = code
        self.context = context
        self.retry = retry
        self.idempotentOnly = idempotentOnly
        self.wait = wait
        self.reference = reference
        self.quote = quote
        self.readFrom = readFrom
    }

    /// The reference's links: the RFC section on rfc-editor.org.
    public var references: [RegistryReference] { RegistryReference.all(in: reference) }

    /// Refuses guidance the knowledge base must never hold: an invalid code, a number that is
    /// no HTTP status (`999`), blank text, a reference that names no document. (That the code
    /// is one the knowledge base has, the store checks as it writes.)
    public func validated() throws -> RetryGuidance {
        var guidance = self
        guard ErrorCode.isValid(code) else {
            throw KnowledgeBaseError.invalid(field: "code", reason: "\(code.quotedForMessage()) is not an HTTP status or error code")
        }
        if code.utf8.allSatisfy({ (0x30...0x39).contains($0) }), HTTPStatus(code: code) == nil {
            throw KnowledgeBaseError.invalid(field: "code", reason: "\(code.quotedForMessage()) is not an HTTP status (100-599)")
        }
        guidance.context = context.flatMap { $0.isBlankText ? nil : $0.trimmingWhitespace() }
        guidance.wait = wait.flatMap { $0.isBlankText ? nil : $0.trimmingWhitespace() }
        guidance.reference = reference.trimmingWhitespace()
        guidance.quote = quote.trimmingWhitespace()
        guidance.readFrom = readFrom.trimmingWhitespace()
        guard !guidance.references.isEmpty else {
            throw KnowledgeBaseError.invalid(field: "reference", reason: "must name a document in brackets, as [RFC9110, Section 15.6.4]")
        }
        guard !guidance.quote.isBlankText else { throw KnowledgeBaseError.invalid(field: "quote", reason: "must not be empty") }
        guard !guidance.readFrom.isBlankText else {
            throw KnowledgeBaseError.invalid(field: "read from", reason: "must say where the quote was read")
        }
        return guidance
    }
}
