/// One place where a variant says something else than the registry, the specification, or most
/// other variants: computed from what is stored, never stored itself.
public struct Divergence: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// A title other than the registered name (or, with none, than most variants give).
        case title
        /// A string code returned with another HTTP status than its specification prescribes there.
        case httpStatus = "http_status"
        /// A string code placed at an endpoint the registry does not list for it.
        case usageLocation = "usage_location"
        /// An HTTP status the registry lists as unassigned or unused.
        case unregistered
    }

    /// What the variant is compared with.
    public enum Reference: String, Codable, Sendable, Hashable {
        /// The registration (IANA's name, usage locations, or unassigned range).
        case registry
        /// What the OAuth error's specification prescribes.
        case specification
        /// The title most of the code's variants give.
        case variants
    }

    public var code: String
    public var kind: Kind
    public var variantID: Int64
    public var vendor: String
    /// What the variant says: its title, HTTP status, or endpoint.
    public var says: String
    /// What the reference says instead.
    public var expected: String
    public var against: Reference
    /// The divergence in one sentence.
    public var detail: String

    // `variantId`, so that snake_case encoding gives `variant_id`.
    enum CodingKeys: String, CodingKey {
        case code, kind, variantID = "variantId", vendor, says, expected, against, detail
    }

    /// Where the variants of `entry` diverge from its registrations, its prescriptions and each
    /// other. The registry's and the specifications' own variants are the reference, not compared,
    /// and so are those of `registryDocuments`: the registries' older copies.
    public static func of(
        _ entry: CodeEntry, registrations: [Registration], prescriptions: [Prescription], registryDocuments: Set<Int64> = []
    ) -> [Divergence] {
        let referenceDocuments = registryDocuments.union(registrations.map(\.source.documentID) + prescriptions.map(\.source.documentID))
        let variants = entry.variants.filter { variant in variant.documentID.map { !referenceDocuments.contains($0) } ?? true }
        var found: [Divergence] = []
        func add(_ variant: Variant, _ kind: Kind, says: String, expected: String, against: Reference, _ detail: String) {
            found.append(
                Divergence(
                    code: entry.code, kind: kind, variantID: variant.id, vendor: variant.vendor, says: says, expected: expected,
                    against: against, detail: detail))
        }

        if let unregistered = registrations.first(where: { $0.status == .unassigned || $0.status == .unused }) {
            let listed = unregistered.status == .unused ? "(Unused)" : "Unassigned (\(unregistered.value))"
            for variant in variants {
                add(variant, .unregistered, says: entry.code, expected: listed, against: .registry,
                    "\(variant.vendor) documents \(entry.code), which the HTTP status registry lists as \(listed)")
            }
        }

        if let name = registrations.compactMap(\.name).first {
            for variant in variants {
                guard let title = variant.title, CodeNameLookup.titleWords(title) != CodeNameLookup.titleWords(name) else { continue }
                add(variant, .title, says: title, expected: name, against: .registry,
                    "\(variant.vendor) calls \(entry.code) \"\(title)\"; the registry's name is \"\(name)\"")
            }
        } else {
            let comparison = VariantComparison(CodeEntry(code: entry.code, kind: entry.kind, httpClass: entry.httpClass, variants: variants))
            if comparison.titles.count > 1, let most = comparison.titles.first {
                for variant in variants where !most.variantIDs.contains(variant.id) {
                    guard let title = variant.title else { continue }
                    add(variant, .title, says: title, expected: most.value, against: .variants,
                        "\(variant.vendor) calls \(entry.code) \"\(title)\"; most sources call it \"\(most.value)\"")
                }
            }
        }

        guard entry.kind != .http else { return found }
        let registered = Set(registrations.flatMap { $0.usageLocations ?? [] }.compactMap(UsageLocation.ofRegistry))
        for variant in variants {
            let location = variant.section.flatMap(UsageLocation.ofSection)
            if let location, !registered.isEmpty, !registered.contains(location) {
                let listed = registered.map(\.rawValue).sorted().joined(separator: ", ")
                add(variant, .usageLocation, says: location.rawValue, expected: listed, against: .registry,
                    "\(variant.vendor) returns \(entry.code) at the \(location.rawValue); the registry lists it at \(listed)")
            }
            guard let status = variant.httpStatus, !prescriptions.isEmpty else { continue }
            // A page that says where names what it is compared with; one that does not is
            // compared with what the specification prescribes anywhere.
            let relevant = location.map { place in prescriptions.filter { UsageLocation.ofRegistry($0.usageLocation) == place } } ?? prescriptions
            guard !relevant.isEmpty else { continue }
            let statuses = Set(relevant.compactMap(\.httpStatus))
            guard !statuses.contains(status) else { continue }
            let place = location.map { " at the \($0.rawValue)" } ?? ""
            if statuses.isEmpty {
                add(variant, .httpStatus, says: String(status), expected: "a redirect, no HTTP status", against: .specification,
                    "\(variant.vendor) returns \(entry.code)\(place) with HTTP \(status); its specification delivers it on the redirection URI")
            } else {
                let expected = statuses.sorted().map(String.init).joined(separator: " or ")
                add(variant, .httpStatus, says: String(status), expected: expected, against: .specification,
                    "\(variant.vendor) returns \(entry.code)\(place) with HTTP \(status); its specification prescribes \(expected)")
            }
        }
        return found
    }
}
