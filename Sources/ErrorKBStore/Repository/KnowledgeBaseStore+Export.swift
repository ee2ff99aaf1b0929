import ErrorKBCore
import GRDB

extension KnowledgeBaseStore {
    public func export() async throws -> KnowledgeBaseExport {
        try await database.read { db in
            let vendors = try Row.fetchAll(db, sql: "SELECT slug, name, kind FROM vendor ORDER BY slug").map {
                Vendor(slug: $0[0], name: $0[1], kind: VendorKind(rawValue: $0[2]) ?? .vendor)
            }
            let documents = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.file_name, ve.slug, d.title, d.sha256, d.line_count, d.imported_at
                    FROM document d JOIN vendor ve ON ve.id = d.vendor_id ORDER BY d.file_name
                    """
            ).map {
                KnowledgeBaseExport.Document(
                    fileName: $0[0], vendor: $0[1], title: $0[2], sha256: $0[3], lineCount: $0[4], importedAt: $0[5])
            }
            var items: [Int64: (causes: [String], fixes: [String])] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT variant_id, list, text FROM variant_item ORDER BY variant_id, list, position") {
                let id: Int64 = row[0]
                let list: String = row[1]
                if list == "cause" { items[id, default: ([], [])].causes.append(row[2]) } else {
                    items[id, default: ([], [])].fixes.append(row[2])
                }
            }
            var variantsByCode: [Int64: [KnowledgeBaseExport.Variant]] = [:]
            let variantRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT v.id, v.code_id, ve.slug, d.file_name, v.section, v.occurrence, v.position, v.title,
                           v.description, v.http_status, v.line_start, v.line_end, v.edited
                    FROM variant v JOIN vendor ve ON ve.id = v.vendor_id LEFT JOIN document d ON d.id = v.document_id
                    ORDER BY v.code_id, ve.slug, d.file_name NULLS FIRST, v.position, ifnull(v.section, ''), v.occurrence
                    """)
            for row in variantRows {
                let id: Int64 = row[0]
                let start: Int? = row[10]
                let end: Int? = row[11]
                variantsByCode[row[1], default: []].append(
                    KnowledgeBaseExport.Variant(
                        vendor: row[2], document: row[3], section: row[4], occurrence: row[5], position: row[6],
                        title: row[7], description: row[8], httpStatus: row[9], causes: items[id]?.causes ?? [],
                        fixes: items[id]?.fixes ?? [], line: start, lineEnd: start == end ? nil : end, edited: row[12]))
            }
            let codes = try Row.fetchAll(db, sql: "SELECT id, code, kind, http_class FROM code ORDER BY code").map { row in
                KnowledgeBaseExport.Code(
                    code: row[1], kind: CodeKind(rawValue: row[2]) ?? .other, class: row[3],
                    variants: variantsByCode[row[0]] ?? [])
            }
            return KnowledgeBaseExport(vendors: vendors, documents: documents, codes: codes)
        }
    }
}
