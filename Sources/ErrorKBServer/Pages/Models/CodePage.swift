import ErrorKBCore

/// `/codes/{code}`: every variant side by side, where they disagree, and each fact's source.
struct CodePage {
    struct VariantCard {
        var id: Int64
        var anchor: String
        var vendor: String
        var vendorHref: String
        var title: String?
        var description: String?
        var httpStatus: String?
        var section: String?
        var causes: [String]
        var fixes: [String]
        var hasCauses: Bool
        var hasFixes: Bool
        /// The document and lines it came from; `nil` for a variant added by hand.
        var source: PageLink?
        var edited: Bool
    }

    /// One answer to a question the variants disagree on, and who gives it.
    struct Position {
        var value: String
        var vendors: String
        var variants: [PageLink]
    }

    var frame: PageFrame
    var code: String
    var headline: String?
    var kind: String
    var variantCount: Int
    var vendorCount: Int
    var vendorFilter: [PageLink]
    var narrowed: String?
    var titles: [Position]
    var statuses: [Position]
    var titlesDisagree: Bool
    var statusesDisagree: Bool
    var disagrees: Bool
    var variants: [VariantCard]
    var historyHref: String
    var reference: ReferenceSections

    /// `all` is the whole entry, for the vendor links; `entry` what the page shows, and
    /// `reference` what the registries and the guidance say of it.
    init(entry: CodeEntry, all: CodeEntry, vendor: String?, reference: CodeReference) {
        let comparison = VariantComparison(entry)
        let alternate = PageLinks.with("/v1/codes/\(ErrorCode.pathSegment(entry.code))", [("vendor", vendor)])
        headline = comparison.titles.first?.value
        frame = PageFrame(title: [entry.code, headline].compactMap { $0 }.joined(separator: " "), alternate: alternate)
        code = entry.code
        kind = Self.kindLabel(entry)
        variantCount = entry.variants.count
        let vendors = Self.vendorsInOrder(all.variants)
        vendorCount = Set(entry.variants.map(\.vendor)).count
        narrowed = vendor
        vendorFilter =
            [PageLink(label: "All vendors", href: PageLinks.code(entry.code), count: all.variants.count, current: vendor == nil)]
            + vendors.map { slug in
                PageLink(
                    label: slug, href: PageLinks.code(entry.code, vendor: slug), count: all.variants.count { $0.vendor == slug },
                    current: slug == vendor)
            }
        titles = comparison.titles.map { Self.position($0.value, $0) }
        statuses = comparison.httpStatuses.map { Self.position(String($0.value), $0) }
        titlesDisagree = comparison.disagreements.contains(.title)
        statusesDisagree = comparison.disagreements.contains(.httpStatus)
        self.reference = ReferenceSections(reference)
        disagrees = !comparison.disagreements.isEmpty || !reference.divergences.isEmpty
        variants = entry.variants.map(Self.card)
        historyHref = PageLinks.history(entry.code)
    }

    private static func position<Value>(_ value: String, _ position: VariantComparison.Position<Value>) -> Position {
        Position(
            value: value, vendors: position.vendors.joined(separator: ", "),
            variants: position.variantIDs.map { PageLink(label: "#\($0)", href: "#variant-\($0)") })
    }

    private static func card(_ variant: Variant) -> VariantCard {
        let source = variant.documentID.flatMap { id in
            variant.document.map { name in
                PageLink(label: PageLinks.citation(document: name, lines: variant.lines), href: PageLinks.document(id, lines: variant.lines))
            }
        }
        return VariantCard(
            id: variant.id, anchor: "variant-\(variant.id)", vendor: variant.vendor, vendorHref: PageLinks.vendor(variant.vendor),
            title: variant.title, description: variant.description.isEmpty ? nil : variant.description,
            httpStatus: variant.httpStatus.map(String.init), section: variant.section, causes: variant.causes, fixes: variant.fixes,
            hasCauses: !variant.causes.isEmpty, hasFixes: !variant.fixes.isEmpty, source: source, edited: variant.edited)
    }

    private static func vendorsInOrder(_ variants: [Variant]) -> [String] {
        var seen: [String] = []
        for variant in variants where !seen.contains(variant.vendor) { seen.append(variant.vendor) }
        return seen
    }

    private static func kindLabel(_ entry: CodeEntry) -> String {
        switch entry.kind {
        case .http: "HTTP status" + (entry.httpClass.map { ", class \($0)" } ?? "")
        case .oauth: "OAuth error"
        case .other: "Error code"
        }
    }
}
