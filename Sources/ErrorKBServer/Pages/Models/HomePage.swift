import ErrorKBCore

/// `/`: the search box, the codes grouped by class and kind, the vendors and documents.
struct HomePage {
    struct CodeGroup {
        var id: String
        var heading: String
        var count: Int
        var codes: [CodeLink]
        /// How many more there are than the page lists, and where the full list is (JSON).
        /// `nil` when the page lists them all (Mustache treats 0 as true).
        var more: Int?
        var moreHref: String
    }

    struct VendorRow {
        var name: String
        var slug: String
        var kind: String
        var href: String
        var documentCount: Int
        var codeCount: Int
        var variantCount: Int
    }

    struct DocumentRow {
        var fileName: String
        var title: String?
        var vendor: String
        var href: String
        var lineCount: Int
        var variantCount: Int
        var importedAt: String
    }

    var frame: PageFrame
    var codeCount: Int
    var variantCount: Int
    var vendorCount: Int
    var documentCount: Int
    var groups: [CodeGroup]
    var vendors: [VendorRow]
    var documents: [DocumentRow]
    var isEmpty: Bool

    /// A group lists this many codes; a knowledge base of thousands stays one readable page.
    static let codesPerGroup = 120

    static func load(from knowledgeBase: some KnowledgeBaseReading) async throws -> HomePage {
        let facets = try await knowledgeBase.facets(filter: CodeFilter())
        var groups: [CodeGroup] = []
        for (id, heading, filter) in groupFilters(facets) {
            let page = try await knowledgeBase.codes(filter: filter, page: PageRequest(limit: codesPerGroup))
            let count = filter.httpClass.flatMap { facets.byClass[$0] } ?? filter.kind.flatMap { facets.byKind[$0.rawValue] } ?? 0
            let query = filter.httpClass.map { "class=\($0)" } ?? "kind=\(filter.kind?.rawValue ?? "")"
            groups.append(
                CodeGroup(
                    id: id, heading: heading, count: count, codes: page.items.map { CodeLink($0) },
                    more: count > page.items.count ? count - page.items.count : nil, moreHref: "/v1/codes?\(query)&limit=\(PageRequest.maximumLimit)"))
        }
        let vendors = try await knowledgeBase.vendors()
        let documents = try await knowledgeBase.documents(vendor: nil)
        let codeCount = facets.byKind.values.reduce(0, +)
        return HomePage(
            frame: PageFrame(title: "Error codes, side by side", alternate: "/v1/codes", headerSearch: false),
            codeCount: codeCount, variantCount: vendors.reduce(0) { $0 + $1.variantCount }, vendorCount: vendors.count,
            documentCount: documents.count, groups: groups,
            vendors: vendors.map {
                VendorRow(
                    name: $0.vendor.name, slug: $0.vendor.slug, kind: $0.vendor.kind.rawValue, href: PageLinks.vendor($0.vendor.slug),
                    documentCount: $0.documentCount, codeCount: $0.codeCount, variantCount: $0.variantCount)
            },
            documents: documents.map(DocumentRow.init), isEmpty: codeCount == 0)
    }

    /// HTTP classes in order, then OAuth's and other string codes: only groups that have codes.
    private static func groupFilters(_ facets: Facets) -> [(String, String, CodeFilter)] {
        let classes = ["1xx": "Informational", "2xx": "Success", "3xx": "Redirection", "4xx": "Client errors", "5xx": "Server errors"]
        var groups: [(String, String, CodeFilter)] = []
        for (httpClass, name) in classes.sorted(by: { $0.key < $1.key }) where facets.byClass[httpClass, default: 0] > 0 {
            groups.append(("class-\(httpClass)", "\(httpClass) \(name)", CodeFilter(kind: .http, httpClass: httpClass)))
        }
        if facets.byKind["oauth", default: 0] > 0 { groups.append(("kind-oauth", "OAuth errors", CodeFilter(kind: .oauth))) }
        if facets.byKind["other", default: 0] > 0 { groups.append(("kind-other", "Other codes", CodeFilter(kind: .other))) }
        return groups
    }
}

extension HomePage.DocumentRow {
    init(_ document: SourceDocument) {
        fileName = document.fileName
        title = document.title
        vendor = document.vendor
        href = PageLinks.document(document.id)
        lineCount = document.lineCount
        variantCount = document.variantCount
        importedAt = document.importedAt
    }
}
