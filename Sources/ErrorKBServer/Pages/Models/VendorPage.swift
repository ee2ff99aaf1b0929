import ErrorKBCore

/// `/vendors/{slug}`: a vendor's documents and the codes it documents.
struct VendorPage {
    var frame: PageFrame
    var name: String
    var slug: String
    var kind: String
    var documentCount: Int
    var codeCount: Int
    var variantCount: Int
    var documents: [HomePage.DocumentRow]
    var codes: [CodeLink]
    var more: Int?
    var moreHref: String

    static let codesListed = 500

    static func load(_ summary: VendorSummary, from knowledgeBase: some KnowledgeBaseReading) async throws -> VendorPage {
        let slug = summary.vendor.slug
        let documents = try await knowledgeBase.documents(vendor: slug)
        let codes = try await knowledgeBase.codes(filter: CodeFilter(vendor: slug), page: PageRequest(limit: codesListed))
        return VendorPage(
            frame: PageFrame(title: summary.vendor.name, alternate: "/v1/vendors/\(slug)"), name: summary.vendor.name, slug: slug,
            kind: summary.vendor.kind.rawValue, documentCount: summary.documentCount, codeCount: summary.codeCount,
            variantCount: summary.variantCount, documents: documents.map(HomePage.DocumentRow.init),
            codes: codes.items.map { CodeLink($0, vendor: slug) }, more: summary.codeCount > codes.items.count ? summary.codeCount - codes.items.count : nil,
            moreHref: "/v1/codes?vendor=\(slug)&limit=\(PageRequest.maximumLimit)")
    }
}
