import ErrorKBCore

/// What every page's layout needs: its title, its JSON twin, and the search box.
struct PageFrame {
    /// The `<title>`, before " · ErrorKB".
    var title: String
    /// The `/v1` answer with the same content, for `<link rel="alternate">` and the footer.
    var alternate: String?
    /// The search box's text.
    var query = ""
    /// The home page has its own, focused search box; others have one in the header.
    var headerSearch = true
}

/// A link with its text, as lists, facets and filters show them.
struct PageLink {
    var label: String
    var href: String
    /// How many items it leads to, when that is worth showing.
    var count: Int?
    /// The link to the page being shown: marked `aria-current`, not followed.
    var current = false
}

/// A code as a line of a list: `404 Not Found`.
struct CodeLink {
    var code: String
    var title: String?
    var href: String
    var variantCount: Int

    init(_ summary: CodeSummary, vendor: String? = nil) {
        code = summary.code
        title = summary.titles.first
        href = PageLinks.code(summary.code, vendor: vendor)
        variantCount = summary.variantCount
    }

    init(_ entry: CodeEntry) {
        code = entry.code
        title = VariantComparison(entry).titles.first?.value
        href = PageLinks.code(entry.code)
        variantCount = entry.variants.count
    }
}
