import GRDB

extension SQLiteKnowledgeBase {
    public func search(_ text: String, filter: CodeFilter, page: PageRequest, highlight: Highlight) async throws
        -> Page<SearchHit>
    {
        guard let query = SearchQuery(text) else {
            throw KnowledgeBaseError.invalid(field: "q", reason: "the search text holds no word")
        }
        let offset: Int
        if let cursor = page.cursor {
            guard let value = Int(cursor.after), value >= 0 else {
                throw KnowledgeBaseError.invalid(field: "cursor", reason: "not a search cursor")
            }
            offset = value
        } else {
            offset = 0
        }
        return try await database.read { db in
            var arguments: StatementArguments = [highlight.open, highlight.close, query.ftsPattern]
            let condition = try Self.codeFilterSQL(filter, arguments: &arguments, variantScope: true)
            arguments += [page.limit + 1, offset]
            // Weights make a hit in the code or title count more than one deep in a description.
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT v.id, c.code, c.kind, ve.slug, d.file_name, v.section, v.title,
                               snippet(variant_search, -1, ?, ?, '…', 16) AS snippet,
                               bm25(variant_search, 10.0, 5.0, 1.0, 2.0, 2.0) AS rank
                        FROM variant_search
                        JOIN variant v ON v.id = variant_search.rowid
                        JOIN code c ON c.id = v.code_id
                        JOIN vendor ve ON ve.id = v.vendor_id
                        LEFT JOIN document d ON d.id = v.document_id
                        WHERE variant_search MATCH ? \(condition)
                        ORDER BY rank, v.id
                        LIMIT ? OFFSET ?
                        """),
                arguments: arguments)
            let hits = rows.prefix(page.limit).map { row in
                SearchHit(
                    variantID: row[0], code: row[1], kind: CodeKind(rawValue: row[2]) ?? .other, vendor: row[3],
                    document: row[4], section: row[5], title: row[6], snippet: row[7], rank: row[8])
            }
            let next = rows.count > page.limit ? Cursor(after: String(offset + page.limit)) : nil
            return Page(items: Array(hits), next: next)
        }
    }
}
