import ErrorKBCore
import GRDB

extension KnowledgeBaseStore {
    /// A page of the filtered listing with each code's whole entry, in one snapshot and three
    /// statements for the page (its codes, their variants, their causes and fixes), so that an
    /// answer over many codes (the divergences) costs its page, not a read per code.
    public func entries(filter: CodeFilter, page: PageRequest) async throws -> Page<CodeEntry> {
        try await read { db in
            let (codeRows, next) = try Self.fetchCodePage(db, filter: filter, page: page)
            guard !codeRows.isEmpty else { return Page(items: [], next: next) }
            let ids = codeRows.map { $0["id"] as Int64 }
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            // Not cached: a statement per page length would fill the cache; preparing these costs
            // little beside reading a page of entries.
            let variantRows = try Row.fetchAll(
                db,
                sql: "SELECT \(Self.variantColumns) \(Self.variantJoins) WHERE v.code_id IN (\(placeholders)) \(Self.variantOrder)",
                arguments: StatementArguments(ids))
            let itemRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT i.variant_id, i.list, i.text FROM variant v JOIN variant_item i ON i.variant_id = v.id
                    WHERE v.code_id IN (\(placeholders)) ORDER BY i.variant_id, i.list, i.position
                    """,
                arguments: StatementArguments(ids))
            let variants = Dictionary(grouping: Self.assembleVariants(variantRows, items: itemRows), by: \.code)
            let entries = codeRows.map { row -> CodeEntry in
                let code: String = row["code"]
                return CodeEntry(
                    code: code, kind: CodeKind(rawValue: row["kind"]) ?? .other, httpClass: row["http_class"],
                    variants: variants[code] ?? [])
            }
            return Page(items: entries, next: next)
        }
    }

    /// The codes one document documents, in code order, each summarised over that document's
    /// variants alone (their titles in document order, their count): what the document's page
    /// lists, in one statement that costs the document's size. Empty for an unknown document.
    public func codes(inDocument id: Int64) async throws -> [CodeSummary] {
        try await read { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT c.code, c.kind, c.http_class, v.title, ve.slug FROM variant v
                        JOIN code c ON c.id = v.code_id JOIN vendor ve ON ve.id = v.vendor_id
                        WHERE v.document_id = ? ORDER BY c.code, v.position, v.id
                        """),
                arguments: [id])
            var summaries: [CodeSummary] = []
            while let row = try rows.next() {
                let code: String = row[0]
                if summaries.last?.code != code {
                    summaries.append(
                        CodeSummary(
                            code: code, kind: CodeKind(rawValue: row[1]) ?? .other, httpClass: row[2], titles: [], vendors: [row[4]],
                            variantCount: 0))
                }
                let last = summaries.count - 1
                summaries[last].variantCount += 1
                if let title: String = row[3], !summaries[last].titles.contains(title) { summaries[last].titles.append(title) }
            }
            return summaries
        }
    }
}
