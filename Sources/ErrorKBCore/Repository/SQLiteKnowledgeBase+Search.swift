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
            // First rank every match without building snippets, then build snippets for the one
            // page shown: snippet() costs more than ranking and most matches are never shown.
            var arguments: StatementArguments = [query.ftsPattern]
            let condition = try Self.codeFilterSQL(filter, arguments: &arguments, variantScope: true)
            arguments += [page.limit + 1, offset]
            // Joins only where a filter needs them: a plain search ranks the index alone.
            let joins =
                condition.isEmpty
                ? ""
                : """
                    JOIN variant v ON v.id = variant_search.rowid JOIN code c ON c.id = v.code_id
                    JOIN vendor ve ON ve.id = v.vendor_id LEFT JOIN document d ON d.id = v.document_id
                    """
            // Weights make a hit in the code or title count more than one deep in a description.
            let ranked = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT variant_search.rowid, bm25(variant_search, 10.0, 5.0, 1.0, 2.0, 2.0) AS rank
                        FROM variant_search \(joins)
                        WHERE variant_search MATCH ? \(condition)
                        ORDER BY rank, variant_search.rowid
                        LIMIT ? OFFSET ?
                        """),
                arguments: arguments)
            let snippet = try db.cachedStatement(
                sql: """
                    SELECT v.id, c.code, c.kind, ve.slug, d.file_name, v.section, v.title,
                           snippet(variant_search, -1, ?, ?, '…', 16)
                    FROM variant_search
                    JOIN variant v ON v.id = variant_search.rowid
                    JOIN code c ON c.id = v.code_id
                    JOIN vendor ve ON ve.id = v.vendor_id
                    LEFT JOIN document d ON d.id = v.document_id
                    WHERE variant_search MATCH ? AND variant_search.rowid = ?
                    """)
            var hits: [SearchHit] = []
            for match in ranked.prefix(page.limit) {
                let id: Int64 = match[0]
                guard let row = try Row.fetchOne(
                    snippet, arguments: [highlight.open, highlight.close, query.ftsPattern, id])
                else { continue }
                hits.append(
                    SearchHit(
                        variantID: row[0], code: row[1], kind: CodeKind(rawValue: row[2]) ?? .other, vendor: row[3],
                        document: row[4], section: row[5], title: row[6], snippet: row[7], rank: match[1]))
            }
            let next = ranked.count > page.limit ? Cursor(after: String(offset + page.limit)) : nil
            return Page(items: hits, next: next)
        }
    }
}
