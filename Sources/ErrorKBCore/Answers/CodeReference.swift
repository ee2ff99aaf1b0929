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
        return of(
            entry, records: records, retry: try await knowledgeBase.retryGuidance(code: entry.code), today: today,
            registryDocuments: try await registryDocuments(in: knowledgeBase))
    }

    /// The same, from registry rows and guidance already read (they may hold other codes' too).
    /// `registryDocuments` are the registries' own copies, older ones included, whose variants
    /// are the registry speaking, not compared with it.
    public static func of(
        _ entry: CodeEntry, records: [RegistryRecord], retry: [RetryGuidance], today: String, registryDocuments: Set<Int64> = []
    ) -> CodeReference {
        let registrations = Registration.of(entry.code, kind: entry.kind, in: records, today: today)
        let prescriptions = Prescription.of(entry.code, in: records)
        return CodeReference(
            registrations: registrations, prescriptions: prescriptions, retry: retry.filter { $0.code == entry.code },
            divergences: Divergence.of(
                entry, registrations: registrations, prescriptions: prescriptions, registryDocuments: registryDocuments))
    }

    /// The documents that are copies of a registry by the registry itself, current or older.
    public static func registryDocuments(in knowledgeBase: some KnowledgeBaseReading) async throws -> Set<Int64> {
        Set(try await knowledgeBase.registryCopies().filter(\.isAuthoritative).map(\.documentID))
    }
}

extension Divergence {
    /// Every divergence in the knowledge base, in code order; `vendor` keeps that vendor's.
    public static func all(in knowledgeBase: some KnowledgeBaseReading, vendor: String?, today: String) async throws
        -> [Divergence]
    {
        var found: [Divergence] = []
        var page = PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let divergences = try await Self.page(in: knowledgeBase, vendor: vendor, page: page, today: today)
            found += divergences.items
            guard let next = divergences.next else { return found }
            page = PageRequest(limit: PageRequest.maximumLimit, cursor: next)
        }
    }

    /// The divergences of one page of codes, in code order: the page's `limit` codes (with
    /// `vendor`, codes that vendor documents; all their variants are compared, and that vendor's
    /// divergences kept), and the cursor of the next page. A page may hold none and still have
    /// a next one. Paged by codes so that one answer costs its page at any size: all of them at
    /// once read every variant of the knowledge base (4.3 s at 20,000 variants, issue 27).
    public static func page(in knowledgeBase: some KnowledgeBaseReading, vendor: String?, page: PageRequest, today: String)
        async throws -> Page<Divergence>
    {
        // 157 rows and a few dozen guidance rows: read once a page, not once per code.
        let records = try await knowledgeBase.registryRecords(kind: nil, key: nil)
        let registryDocuments = try await CodeReference.registryDocuments(in: knowledgeBase)
        // Codes with a variant of `vendor`, when given; all of their variants are compared.
        let entries = try await knowledgeBase.entries(filter: CodeFilter(vendor: vendor), page: page)
        var found: [Divergence] = []
        for entry in entries.items {
            let divergences = CodeReference.of(
                entry, records: records, retry: [], today: today, registryDocuments: registryDocuments
            ).divergences
            found += vendor.map { slug in divergences.filter { $0.vendor == slug } } ?? divergences
        }
        return Page(items: found, next: entries.next)
    }
}
