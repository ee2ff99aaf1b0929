/// What ErrorKB knows of a code beyond its variants: the registrations, what the OAuth
/// specifications prescribe, the retry guidance, and where the variants diverge from them.
public struct CodeReference: Codable, Sendable, Hashable {
    public var registrations: [Registration]
    public var prescriptions: [Prescription]
    public var retry: [RetryGuidance]
    public var divergences: [Divergence]

    public init(registrations: [Registration], prescriptions: [Prescription], retry: [RetryGuidance], divergences: [Divergence]) {
        self.registrations = registrations
        self.prescriptions = prescriptions
        self.retry = retry
        self.divergences = divergences
    }

    /// Reads what the registries and the guidance say of `entry.code`, and compares `entry`'s
    /// variants with it. `today` (`yyyy-mm-dd`) is what a temporary registration's expiry is
    /// compared with.
    public static func of(_ entry: CodeEntry, in knowledgeBase: some KnowledgeBaseReading, today: String) async throws
        -> CodeReference
    {
        // An HTTP status may fall in a range (`452-499`), so its registry is read whole (75 rows);
        // a string code is read by name.
        let records =
            entry.kind == .http
            ? try await knowledgeBase.registryRecords(kind: .httpStatus, key: nil)
            : try await knowledgeBase.registryRecords(kind: nil, key: entry.code)
        return of(entry, records: records, retry: try await knowledgeBase.retryGuidance(code: entry.code), today: today)
    }

    /// The same, from registry rows and guidance already read (they may hold other codes' too).
    public static func of(_ entry: CodeEntry, records: [RegistryRecord], retry: [RetryGuidance], today: String) -> CodeReference {
        let registrations = Registration.of(entry.code, kind: entry.kind, in: records, today: today)
        let prescriptions = Prescription.of(entry.code, in: records)
        return CodeReference(
            registrations: registrations, prescriptions: prescriptions, retry: retry.filter { $0.code == entry.code },
            divergences: Divergence.of(entry, registrations: registrations, prescriptions: prescriptions))
    }
}

extension Divergence {
    /// Every divergence in the knowledge base, in code order; `vendor` keeps that vendor's.
    public static func all(in knowledgeBase: some KnowledgeBaseReading, vendor: String?, today: String) async throws
        -> [Divergence]
    {
        // 157 rows and a few dozen guidance rows: read once, not once per code.
        let records = try await knowledgeBase.registryRecords(kind: nil, key: nil)
        var found: [Divergence] = []
        var page = PageRequest(limit: PageRequest.maximumLimit)
        while true {
            // Codes with a variant of `vendor`, when given; all of their variants are compared.
            let codes = try await knowledgeBase.codes(filter: CodeFilter(vendor: vendor), page: page)
            for summary in codes.items {
                guard let entry = try await knowledgeBase.code(summary.code, vendor: nil) else { continue }
                let divergences = CodeReference.of(entry, records: records, retry: [], today: today).divergences
                found += vendor.map { slug in divergences.filter { $0.vendor == slug } } ?? divergences
            }
            guard let next = codes.next else { return found }
            page = PageRequest(limit: PageRequest.maximumLimit, cursor: next)
        }
    }
}
