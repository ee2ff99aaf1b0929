import ErrorKBCore
import GRDB

extension KnowledgeBaseStore {
    public func search(_ text: String, filter: CodeFilter, page: PageRequest, highlight: Highlight) async throws
        -> Page<SearchHit>
    {
        guard !SearchQuery.isBlank(text) else {
            throw KnowledgeBaseError.invalid(field: "q", reason: "the search text is blank")
        }
        // Text such as `!!!` holds no word, so no variant can contain all its words.
        guard let query = SearchQuery(text) else { return Page(items: [], next: nil) }
        let offset: Int
        if let cursor = page.cursor {
            guard let value = Int(cursor.after), value >= 0 else {
                throw KnowledgeBaseError.invalid(field: "cursor", reason: "not a search cursor")
            }
            offset = value
        } else {
            offset = 0
        }
        return try await read { db in
            var filterArguments = StatementArguments()
            let condition = try Self.codeFilterSQL(filter, arguments: &filterArguments, variantScope: true)
            let wanted = offset + page.limit + 1
            // Two tiers: variants whose code or title holds every word come first, then the rest,
            // each tier by bm25. A word in a headline says more than one in a paragraph, and the
            // first tier is small, so a page of common words is ranked without scoring every
            // paragraph that mentions them (bm25 costs about a microsecond a match).
            let headlines = try Self.rank(db, pattern: query.headlinePattern, condition: condition,
                filterArguments: filterArguments, excluding: [], limit: wanted)
            var ranked = headlines
            if headlines.count < wanted {
                ranked += try Self.rank(db, pattern: query.ftsPattern, condition: condition,
                    filterArguments: filterArguments, excluding: headlines.map(\.id), limit: wanted - headlines.count)
            }
            let pageRows = Array(ranked.dropFirst(offset).prefix(page.limit))
            guard !pageRows.isEmpty else { return Page(items: [], next: nil) }
            // Snippets only for the page shown, in one statement: snippet() costs more than
            // ranking, and one MATCH walked once beats one per hit (about a quarter less).
            // Cached per padded page length: preparing a five-table FTS join costs more than
            // running it for a page. CROSS JOIN keeps the index as the outer loop: left
            // free, SQLite starts from `variant` by the rowid list and runs the whole MATCH
            // again for every hit (5.4 ms instead of 0.7 for a page of two rare words).
            //
            // The rowid list is used two ways. Left as is, FTS5 seeks each listed rowid in each
            // term's doclist, about 30 µs a seek: right for whole words, whose doclists are
            // long when common. With a prefix term each seek merges every term under the
            // prefix; walking the MATCH once and filtering by the list (`+rowid`, which SQLite
            // cannot hand to FTS5) is then 5 to 12 times faster (`bek*` on 100k variants:
            // 9.5 ms instead of 114).
            let pageIDs = RowidList(pageRows.map(\.id))
            // Markers no text can hold, read back into parts and written with `highlight`: a
            // marker of the caller's own could be in the text, and become a real highlight.
            let markers = SnippetMarkers()
            let rowidFilter = query.terms.contains(where: \.isPrefix) ? "+variant_search.rowid" : "variant_search.rowid"
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                    SELECT v.id, c.code, c.kind, ve.slug, d.file_name, v.section, v.title,
                           snippet(variant_search, -1, ?, ?, '…', 16)
                    FROM variant_search
                    CROSS JOIN variant v ON v.id = variant_search.rowid
                    JOIN code c ON c.id = v.code_id
                    JOIN vendor ve ON ve.id = v.vendor_id
                    LEFT JOIN document d ON d.id = v.document_id
                    WHERE variant_search MATCH ? AND \(rowidFilter) IN (\(pageIDs.placeholders))
                    """),
                arguments: [markers.open, markers.close, query.ftsPattern] + pageIDs.arguments)
            var byID: [Int64: Row] = [:]
            for row in rows {
                let id: Int64 = row[0]
                byID[id] = row
            }
            let hits = pageRows.compactMap { match -> SearchHit? in
                guard let row = byID[match.id] else { return nil }
                return SearchHit(
                    variantID: row[0], code: row[1], kind: CodeKind(rawValue: row[2]) ?? .other, vendor: row[3],
                    document: row[4], section: row[5], title: row[6], snippet: highlight.write(markers.parts(of: row[7])),
                    rank: match.rank)
            }
            let next = ranked.count > offset + page.limit ? Cursor(number: Int64(offset + page.limit)) : nil
            return Page(items: hits, next: next)
        }
    }

    /// The best `limit` matches of `pattern` by bm25, leaving out `excluding`.
    private static func rank(
        _ db: Database, pattern: String, condition: String, filterArguments: StatementArguments, excluding: [Int64],
        limit: Int
    ) throws -> [(id: Int64, rank: Double)] {
        // Joins only where a filter needs them: a plain search ranks the index alone.
        let joins =
            condition.isEmpty
            ? ""
            : """
                JOIN variant v ON v.id = variant_search.rowid JOIN code c ON c.id = v.code_id
                JOIN vendor ve ON ve.id = v.vendor_id LEFT JOIN document d ON d.id = v.document_id
                """
        let excluded = RowidList(excluding)
        let exclusion = excluding.isEmpty ? "" : " AND variant_search.rowid NOT IN (\(excluded.placeholders))"
        var arguments: StatementArguments = [pattern]
        arguments += filterArguments
        if !excluding.isEmpty { arguments += excluded.arguments }
        arguments += [limit]
        // Weights make a hit in the code or title count more than one deep in a description.
        let sql = """
            SELECT variant_search.rowid, bm25(variant_search, 10.0, 5.0, 1.0, 2.0, 2.0) AS score
            FROM variant_search \(joins)
            WHERE variant_search MATCH ? \(condition)\(exclusion)
            ORDER BY score, variant_search.rowid
            LIMIT ?
            """
        // Cached per shape: which filters are given, and the padded length of the exclusions.
        let statement = try db.cachedStatement(sql: sql)
        return try Row.fetchAll(statement, arguments: arguments).map { (id: $0[0], rank: $0[1]) }
    }
}

/// Rowids bound as `?` placeholders, padded with -1 (never a rowid) to a power of two. Each
/// length is a different statement to cache; padding keeps them to seven whatever page sizes
/// clients ask for, so the statement cache cannot be made to grow without bound.
private struct RowidList {
    let placeholders: String
    let arguments: StatementArguments

    init(_ ids: [Int64]) {
        var length = 8
        while length < ids.count { length *= 2 }
        placeholders = Array(repeating: "?", count: length).joined(separator: ",")
        arguments = StatementArguments(ids + Array(repeating: -1, count: length - ids.count))
    }
}
