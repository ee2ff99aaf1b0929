/// One document that holds a registry table: which registry, as of which day, and from whom.
/// A knowledge base may hold several copies of one registry (last year's and this year's, or
/// a vendor's page that happens to have the registry's shape); ``current(among:)`` says which
/// one answers for it.
public struct RegistryCopy: Sendable, Hashable {
    public var kind: RegistryKind
    public var documentID: Int64
    public var document: String
    public var sha256: String
    /// The day the copy was taken from its publisher (`yyyy-mm-dd`), when known.
    public var asOf: String?
    public var importedAt: String
    public var vendor: String
    public var vendorKind: VendorKind

    public init(
        kind: RegistryKind, documentID: Int64, document: String, sha256: String, asOf: String?, importedAt: String, vendor: String,
        vendorKind: VendorKind
    ) {
        self.kind = kind
        self.documentID = documentID
        self.document = document
        self.sha256 = sha256
        self.asOf = asOf
        self.importedAt = importedAt
        self.vendor = vendor
        self.vendorKind = vendorKind
    }

    /// Whether this copy speaks for its registry: IANA's registries come from a registry
    /// (`iana`); what the OAuth specifications prescribe, from a registry or a standard
    /// (`oauth-specs`). A table of the same shape imported under any other vendor is that
    /// vendor's page: its rows are its variants, compared with the registry like any others.
    public var isAuthoritative: Bool {
        switch kind {
        case .httpStatus, .oauthError: vendorKind == .registry
        case .oauthStatus: vendorKind == .registry || vendorKind == .standard
        }
    }

    /// The copy that answers for each registry, one per registry that has an authoritative
    /// copy: the newest `asOf` (a copy without a date is older than any dated one), then the
    /// latest import, then the first file name. In file name order.
    public static func current(among copies: [RegistryCopy]) -> [RegistryCopy] {
        var newest: [RegistryKind: RegistryCopy] = [:]
        for copy in copies where copy.isAuthoritative {
            guard let held = newest[copy.kind] else {
                newest[copy.kind] = copy
                continue
            }
            if copy.isNewer(than: held) { newest[copy.kind] = copy }
        }
        return newest.values.sorted { $0.document < $1.document }
    }

    private func isNewer(than other: RegistryCopy) -> Bool {
        if asOf != other.asOf {
            guard let asOf else { return false }
            guard let otherAsOf = other.asOf else { return true }
            return asOf > otherAsOf
        }
        if importedAt != other.importedAt { return importedAt > other.importedAt }
        return document < other.document
    }
}
