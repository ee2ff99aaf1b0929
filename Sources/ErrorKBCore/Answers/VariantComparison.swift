/// Where the variants of one code disagree: the titles they give it and the HTTP statuses they
/// return it with, each with the variants that say so. Titles are compared by their words
/// (`Not Found` and `NOT FOUND` agree; `Resource not found` does not).
public struct VariantComparison: Codable, Sendable, Hashable {
    /// One answer some variants give, and which variants give it.
    public struct Position<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
        public var value: Value
        public var variantIDs: [Int64]
        public var vendors: [String]

        // `variantIds`, so that snake_case encoding gives `variant_ids`, not `variant_i_ds`.
        enum CodingKeys: String, CodingKey {
            case value, variantIDs = "variantIds", vendors
        }
    }

    /// A question the variants answer differently.
    public enum Disagreement: String, Codable, Sendable, Hashable {
        case title
        case httpStatus = "http_status"
    }

    public var code: String
    public var variantCount: Int
    /// The titles given, most variants first; variants with no title are left out.
    public var titles: [Position<String>]
    /// The HTTP statuses stated, most variants first; variants that state none are left out.
    public var httpStatuses: [Position<Int>]
    /// Variants that state no HTTP status (for a string code: the page does not say).
    public var withoutHTTPStatus: [Int64]
    public var disagreements: [Disagreement]
    /// Which variants list causes and fixes: often only some sources give them.
    public var withCauses: [Int64]
    public var withFixes: [Int64]

    public init(_ entry: CodeEntry) {
        code = entry.code
        variantCount = entry.variants.count
        titles = Self.positions(entry.variants) { variant in
            variant.title.map { (CodeNameLookup.titleWords($0).joined(separator: " "), $0) }
        }
        httpStatuses = Self.positions(entry.variants) { variant in variant.httpStatus.map { (String($0), $0) } }
        withoutHTTPStatus = entry.variants.filter { $0.httpStatus == nil }.map(\.id)
        disagreements = []
        if titles.count > 1 { disagreements.append(.title) }
        if httpStatuses.count > 1 { disagreements.append(.httpStatus) }
        withCauses = entry.variants.filter { !$0.causes.isEmpty }.map(\.id)
        withFixes = entry.variants.filter { !$0.fixes.isEmpty }.map(\.id)
    }

    /// Groups variants by a key, keeping the first spelling of each value; largest group first,
    /// then in variant order.
    private static func positions<Value>(_ variants: [Variant], _ key: (Variant) -> (String, Value)?) -> [Position<Value>] {
        var order: [String] = []
        var groups: [String: Position<Value>] = [:]
        for variant in variants {
            guard let (key, value) = key(variant) else { continue }
            if groups[key] == nil {
                order.append(key)
                groups[key] = Position(value: value, variantIDs: [], vendors: [])
            }
            groups[key]?.variantIDs.append(variant.id)
            if groups[key]?.vendors.contains(variant.vendor) == false { groups[key]?.vendors.append(variant.vendor) }
        }
        let ranked = order.enumerated().compactMap { index, key in groups[key].map { (index, $0) } }
        return ranked.sorted { ($0.1.variantIDs.count, -$0.0) > ($1.1.variantIDs.count, -$1.0) }.map(\.1)
    }
}
