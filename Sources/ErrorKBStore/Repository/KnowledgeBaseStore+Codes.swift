import ErrorKBCore
import GRDB

extension KnowledgeBaseStore {
    public func code(_ code: String, vendor: String?) async throws -> CodeEntry? {
        try await read { db in try Self.fetchCode(db, code: code, vendor: vendor) }
    }

    public func variant(id: Int64) async throws -> Variant? {
        try await read { db in try Self.fetchVariant(db, id: id) }
    }

    public func codes(filter: CodeFilter, page: PageRequest) async throws -> Page<CodeSummary> {
        try await read { db in
            let (pageRows, next) = try Self.fetchCodePage(db, filter: filter, page: page)
            let details = try Self.fetchSummaryDetails(db, codeIDs: pageRows.map { $0["id"] })
            let items = pageRows.map { row -> CodeSummary in
                let id: Int64 = row["id"]
                let detail = details[id] ?? ([], [], 0)
                return CodeSummary(
                    code: row["code"], kind: CodeKind(rawValue: row["kind"]) ?? .other, httpClass: row["http_class"],
                    titles: detail.titles, vendors: detail.vendors, variantCount: detail.count)
            }
            return Page(items: items, next: next)
        }
    }

    /// The `id, code, kind, http_class` rows of one page of the filtered listing, in code order,
    /// and the cursor of the next page if there is one.
    static func fetchCodePage(_ db: Database, filter: CodeFilter, page: PageRequest) throws -> ([Row], ErrorKBCore.Cursor?) {
        var arguments = StatementArguments([page.cursor?.after ?? ""])
        let condition = try codeFilterSQL(filter, arguments: &arguments)
        arguments += [page.limit + 1]
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT c.id, c.code, c.kind, c.http_class FROM code c WHERE c.code > ? \(condition) ORDER BY c.code LIMIT ?"),
            arguments: arguments)
        let pageRows = Array(rows.prefix(page.limit))
        let next = rows.count > page.limit ? pageRows.last.map { ErrorKBCore.Cursor(after: $0["code"]) } : nil
        return (pageRows, next)
    }

    public func facets(filter: CodeFilter) async throws -> Facets {
        // A reading store (a server's) keeps them per filter until the next commit; a writing
        // one (a CLI command) counts, as it asks once and commits itself.
        guard let facetMemo else { return try await countFacets(filter: filter) }
        let version = try changeVersion()
        if let kept = facetMemo.facets(of: filter, at: version) { return kept }
        let facets = try await countFacets(filter: filter)
        facetMemo.keep(facets, of: filter, countedAt: version)
        return facets
    }

    private func countFacets(filter: CodeFilter) async throws -> Facets {
        try await read { db in
            var arguments = StatementArguments()
            let condition = try Self.codeFilterSQL(filter, arguments: &arguments)
            let filtered = "SELECT c.id, c.kind, c.http_class FROM code c WHERE 1 \(condition)"
            func counts(_ sql: String) throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments) {
                    if let key: String = row[0] { result[key] = row[1] }
                }
                return result
            }
            return Facets(
                byClass: try counts("SELECT http_class, count(*) FROM (\(filtered)) GROUP BY http_class"),
                byVendor: try counts(
                    """
                    SELECT ve.slug, count(DISTINCT f.id) FROM (\(filtered)) f
                    JOIN variant v ON v.code_id = f.id JOIN vendor ve ON ve.id = v.vendor_id GROUP BY ve.slug
                    """),
                byKind: try counts("SELECT kind, count(*) FROM (\(filtered)) GROUP BY kind"),
                byDocument: try counts(
                    """
                    SELECT d.file_name, count(DISTINCT f.id) FROM (\(filtered)) f
                    JOIN variant v ON v.code_id = f.id JOIN document d ON d.id = v.document_id GROUP BY d.file_name
                    """))
        }
    }

    /// The `AND ...` clauses for a filter, appending their bound values. Over `code c` alone a
    /// vendor or document matches codes having any such variant; with `variantScope` the query
    /// also joins `variant v`, `vendor ve` and `document d`, and the variant itself must match.
    ///
    /// Each filter over `code c` is a set computed once from its value (`c.id IN (...)`, not
    /// correlated with `c`), so a listing costs what the filter matches. A correlated `EXISTS`
    /// was planned through the document's index and walked the document's variants once per
    /// code: 6 s for a 5,000-code document (issue 27, finding 3; `ListingPlanTests`).
    static func codeFilterSQL(
        _ filter: CodeFilter, arguments: inout StatementArguments, variantScope: Bool = false
    ) throws -> String {
        var sql = ""
        if let text = filter.text, !variantScope {
            guard !SearchQuery.isBlank(text) else {
                throw KnowledgeBaseError.invalid(field: "q", reason: "the search text is blank")
            }
            if let query = SearchQuery(text) {
                sql += """
                     AND c.id IN (SELECT sv.code_id FROM variant_search JOIN variant sv ON sv.id = variant_search.rowid
                                  WHERE variant_search MATCH ?)
                    """
                arguments += [query.ftsPattern]
            } else {
                // Text with no word in it: no code holds all its words.
                sql += " AND 0"
            }
        }
        if let kind = filter.kind {
            sql += " AND c.kind = ?"
            arguments += [kind.rawValue]
        }
        if let httpClass = filter.httpClass {
            sql += " AND c.http_class = ?"
            arguments += [httpClass]
        }
        if let vendor = filter.vendor {
            sql += variantScope ? " AND ve.slug = ?" : """
                 AND c.id IN (SELECT fv.code_id FROM variant fv WHERE fv.vendor_id = (SELECT id FROM vendor WHERE slug = ?))
                """
            arguments += [vendor]
        }
        if let document = filter.document {
            sql += variantScope ? " AND d.file_name = ?" : """
                 AND c.id IN (SELECT fv.code_id FROM variant fv WHERE fv.document_id = (SELECT id FROM document WHERE file_name = ?))
                """
            arguments += [document]
        }
        return sql
    }

    /// The most common titles a listing shows per code.
    static let summaryTitles = 5

    /// Counts, vendors and most common titles of a page of codes, aggregated by SQLite: a
    /// popular status has a variant in every document, and fetching them all to count them made
    /// a listing's cost grow with the corpus.
    private static func fetchSummaryDetails(_ db: Database, codeIDs: [Int64]) throws
        -> [Int64: (titles: [String], vendors: [String], count: Int)]
    {
        guard !codeIDs.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: codeIDs.count).joined(separator: ",")
        let arguments = StatementArguments(codeIDs)
        var result: [Int64: (titles: [String], vendors: [String], count: Int)] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT v.code_id, ve.slug, count(*) FROM variant v JOIN vendor ve ON ve.id = v.vendor_id
                WHERE v.code_id IN (\(placeholders)) GROUP BY v.code_id, ve.slug ORDER BY v.code_id, ve.slug
                """,
            arguments: arguments)
        {
            let id: Int64 = row[0]
            let count: Int = row[2]
            result[id, default: ([], [], 0)].vendors.append(row[1])
            result[id, default: ([], [], 0)].count += count
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT code_id, title FROM (
                    SELECT code_id, title, row_number() OVER (PARTITION BY code_id ORDER BY count(*) DESC, title) AS place
                    FROM variant WHERE code_id IN (\(placeholders)) AND title IS NOT NULL GROUP BY code_id, title)
                WHERE place <= ? ORDER BY code_id, place
                """,
            arguments: arguments + [summaryTitles])
        {
            let id: Int64 = row[0]
            result[id]?.titles.append(row[1])
        }
        return result
    }

    static let variantColumns = """
        v.id, c.code, ve.slug AS vendor, d.file_name AS document, v.document_id, v.section, v.title,
        v.description, v.http_status, v.line_start, v.line_end, v.edited
        """

    static let variantJoins = """
        FROM variant v JOIN code c ON c.id = v.code_id JOIN vendor ve ON ve.id = v.vendor_id
        LEFT JOIN document d ON d.id = v.document_id
        """

    /// Vendors side by side, each one's documents in order, each document's rows in document order.
    static let variantOrder = "ORDER BY ve.slug, d.file_name NULLS FIRST, v.position, v.id"

    static func fetchCode(_ db: Database, code: String, vendor: String?) throws -> CodeEntry? {
        guard let codeRow = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, kind, http_class FROM code WHERE code = ?"), arguments: [code])
        else { return nil }
        let codeID: Int64 = codeRow["id"]
        let vendorClause = vendor == nil ? "" : " AND ve.slug = ?"
        var arguments: StatementArguments = [codeID]
        if let vendor { arguments += [vendor] }
        let variantRows = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT \(variantColumns) \(variantJoins) WHERE v.code_id = ?\(vendorClause) \(variantOrder)"),
            arguments: arguments)
        let itemRows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT i.variant_id, i.list, i.text FROM variant_item i JOIN variant v ON v.id = i.variant_id
                    WHERE v.code_id = ? ORDER BY i.variant_id, i.list, i.position
                    """),
            arguments: [codeID])
        return CodeEntry(
            code: code, kind: CodeKind(rawValue: codeRow["kind"]) ?? .other, httpClass: codeRow["http_class"],
            variants: assembleVariants(variantRows, items: itemRows))
    }

    static func fetchVariant(_ db: Database, id: Int64) throws -> Variant? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(variantColumns) \(variantJoins) WHERE v.id = ?"), arguments: [id])
        else { return nil }
        var variant = assembleVariants([row], items: []).first
        // A cursor reuses one row; a variant may have 10,000 items.
        let items = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT list = 'cause', text FROM variant_item WHERE variant_id = ? ORDER BY list, position"),
            arguments: [id])
        while let item = try items.next() {
            if item[0] as Bool { variant?.causes.append(item[1]) } else { variant?.fixes.append(item[1]) }
        }
        return variant
    }

    /// Builds variants from `variantColumns` rows and `(variant_id, list, text)` item rows.
    static func assembleVariants(_ rows: [Row], items: [Row]) -> [Variant] {
        var causes: [Int64: [String]] = [:]
        var fixes: [Int64: [String]] = [:]
        for item in items {
            let id: Int64 = item[0]
            let list: String = item[1]
            if list == "cause" { causes[id, default: []].append(item[2]) } else { fixes[id, default: []].append(item[2]) }
        }
        return rows.map { row in
            let id: Int64 = row["id"]
            let start: Int? = row["line_start"]
            let end: Int? = row["line_end"]
            return Variant(
                id: id, code: row["code"], vendor: row["vendor"], document: row["document"],
                documentID: row["document_id"], section: row["section"], title: row["title"],
                description: row["description"], httpStatus: row["http_status"],
                causes: causes[id] ?? [], fixes: fixes[id] ?? [],
                lines: start.map { LineRange(start: $0, end: end ?? $0) }, edited: row["edited"])
        }
    }
}
