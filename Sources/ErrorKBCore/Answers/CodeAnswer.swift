/// A code as `GET /v1/codes/{code}` and `errorkb show --json` give it: its variants, and what
/// the registries, the specifications and the retry guidance say of it, with where the
/// variants diverge.
public struct CodeAnswer: Encodable, Sendable {
    public var code: String
    public var kind: CodeKind
    public var httpClass: String?
    public var variants: [Variant]
    public var registrations: [Registration]
    public var prescriptions: [Prescription]
    public var retry: [RetryGuidance]
    public var divergences: [Divergence]

    public init(_ entry: CodeEntry, reference: CodeReference) {
        code = entry.code
        kind = entry.kind
        httpClass = entry.httpClass
        variants = entry.variants
        registrations = reference.registrations
        prescriptions = reference.prescriptions
        retry = reference.retry
        divergences = reference.divergences
    }

    /// `code` with its reference; `vendor` narrows the variants and divergences (which are
    /// computed over every variant first: one vendor's title diverges from the others').
    /// `nil` when there is no such code; no variants when the vendor documents none of it.
    public static func read(_ code: String, vendor: String?, in knowledgeBase: some KnowledgeBaseReading, today: String)
        async throws -> CodeAnswer?
    {
        guard var entry = try await knowledgeBase.code(code, vendor: nil) else { return nil }
        var reference = try await CodeReference.of(entry, in: knowledgeBase, today: today)
        if let vendor {
            entry.variants = entry.variants.filter { $0.vendor == vendor }
            reference.divergences = reference.divergences.filter { $0.vendor == vendor }
        }
        return CodeAnswer(entry, reference: reference)
    }
}
