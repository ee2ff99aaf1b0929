import ErrorKBCore

/// `/search?q=`: ranked variants with highlighted snippets, the API's filters as links with
/// counts, and paging.
struct SearchPage {
    struct Result {
        var code: String
        var title: String?
        var href: String
        var vendor: String
        var section: String?
        var document: String?
        /// Escaped text with `<mark>` around matches, built by ``SnippetHTML``: safe as it is.
        var snippetHTML: String
    }

    struct FacetGroup {
        var name: String
        var options: [PageLink]
    }

    var frame: PageFrame
    var query: String
    var hasQuery: Bool
    var results: [Result]
    var hasResults: Bool
    var first: Int
    var last: Int
    var facets: [FacetGroup]
    var active: [PageLink]
    var hasActive: Bool
    var nextHref: String?
    var firstPageHref: String?

    /// The search's own parameters, in the order links carry them.
    struct Parameters {
        var q: String
        var filter: CodeFilter
        var limit: Int?
        var offset: Int

        func link(changing change: (inout Parameters) -> Void = { _ in }) -> String {
            var parameters = self
            change(&parameters)
            return PageLinks.with("/search", parameters.pairs)
        }

        var pairs: [(String, String?)] {
            [
                ("q", q), ("class", filter.httpClass), ("kind", filter.kind?.rawValue), ("vendor", filter.vendor),
                ("document", filter.document), ("limit", limit.map(String.init)), ("cursor", offset > 0 ? String(offset) : nil),
            ]
        }
    }

    static func load(_ parameters: Parameters, page: PageRequest, from knowledgeBase: some KnowledgeBaseReading) async throws
        -> SearchPage
    {
        let q = parameters.q
        let hasQuery = SearchQuery(q) != nil
        var hits: [SearchHit] = []
        var next: Cursor?
        var facets = Facets(byClass: [:], byVendor: [:], byKind: [:])
        if hasQuery {
            let found = try await knowledgeBase.search(q, filter: parameters.filter, page: page, highlight: .html)
            hits = found.items
            next = found.next
            var counted = parameters.filter
            counted.text = q
            facets = try await knowledgeBase.facets(filter: counted)
        }
        let results = hits.map { hit in
            Result(
                code: hit.code, title: hit.title, href: PageLinks.code(hit.code, vendor: hit.vendor, variant: hit.variantID),
                vendor: hit.vendor, section: hit.section, document: hit.document, snippetHTML: hit.snippet)
        }
        let active = activeFilters(parameters)
        let alternate = hasQuery ? PageLinks.with("/v1/search", parameters.pairs) : nil
        var frame = PageFrame(title: hasQuery ? "Search: \(q)" : "Search", alternate: alternate)
        frame.query = q
        return SearchPage(
            frame: frame, query: q, hasQuery: hasQuery, results: results, hasResults: !results.isEmpty,
            first: parameters.offset + 1, last: parameters.offset + results.count,
            facets: hasQuery ? facetGroups(facets, parameters) : [], active: active, hasActive: !active.isEmpty,
            nextHref: next.map { cursor in parameters.link { $0.offset = Int(cursor.after) ?? 0 } },
            firstPageHref: parameters.offset > 0 ? parameters.link { $0.offset = 0 } : nil)
    }

    private static func facetGroups(_ facets: Facets, _ parameters: Parameters) -> [FacetGroup] {
        func options(_ counts: [String: Int], current: String?, set: @escaping (inout Parameters, String) -> Void) -> [PageLink] {
            counts.sorted { $0.key < $1.key }.map { value, count in
                PageLink(label: value, href: parameters.link { set(&$0, value); $0.offset = 0 }, count: count, current: value == current)
            }
        }
        let groups = [
            FacetGroup(name: "Class", options: options(facets.byClass, current: parameters.filter.httpClass) { $0.filter.httpClass = $1 }),
            FacetGroup(
                name: "Kind",
                options: options(facets.byKind, current: parameters.filter.kind?.rawValue) { $0.filter.kind = CodeKind(rawValue: $1) }),
            FacetGroup(name: "Vendor", options: options(facets.byVendor, current: parameters.filter.vendor) { $0.filter.vendor = $1 }),
            FacetGroup(name: "Document", options: options(facets.byDocument, current: parameters.filter.document) { $0.filter.document = $1 }),
        ]
        return groups.filter { !$0.options.isEmpty }
    }

    /// Each filter in force, as a link that removes it.
    private static func activeFilters(_ parameters: Parameters) -> [PageLink] {
        var active: [PageLink] = []
        let filter = parameters.filter
        if let value = filter.httpClass { active.append(PageLink(label: "class \(value)", href: parameters.link { $0.filter.httpClass = nil; $0.offset = 0 })) }
        if let value = filter.kind { active.append(PageLink(label: "kind \(value.rawValue)", href: parameters.link { $0.filter.kind = nil; $0.offset = 0 })) }
        if let value = filter.vendor { active.append(PageLink(label: "vendor \(value)", href: parameters.link { $0.filter.vendor = nil; $0.offset = 0 })) }
        if let value = filter.document { active.append(PageLink(label: "document \(value)", href: parameters.link { $0.filter.document = nil; $0.offset = 0 })) }
        return active
    }
}
