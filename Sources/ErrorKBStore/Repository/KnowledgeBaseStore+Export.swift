import ErrorKBCore
import GRDB

extension KnowledgeBaseStore {
    public func export() async throws -> KnowledgeBaseExport {
        try await read { db in
            let vendors = try VendorRecord.fetchAll(db, sql: "SELECT slug, name, kind FROM vendor ORDER BY slug").map(\.vendor)
            let documents = try DocumentRecord.fetchAll(
                db,
                sql: """
                    SELECT \(DocumentRecord.columns)
                    FROM document d JOIN vendor ve ON ve.id = d.vendor_id ORDER BY d.file_name
                    """
            ).map(\.document).map {
                KnowledgeBaseExport.Document(
                    fileName: $0.fileName, vendor: $0.vendor, title: $0.title, sha256: $0.sha256, lineCount: $0.lineCount,
                    importedAt: $0.importedAt)
            }
            var items: [Int64: (causes: [String], fixes: [String])] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT variant_id, list, text FROM variant_item ORDER BY variant_id, list, position") {
                let id: Int64 = row[0]
                let list: String = row[1]
                if list == "cause" { items[id, default: ([], [])].causes.append(row[2]) } else {
                    items[id, default: ([], [])].fixes.append(row[2])
                }
            }
            var variantsByCode: [String: [KnowledgeBaseExport.Variant]] = [:]
            let variants = try VariantSnapshot.fetchAll(
                db,
                sql: """
                    SELECT \(VariantSnapshot.columns)
                    FROM variant v JOIN code c ON c.id = v.code_id JOIN vendor ve ON ve.id = v.vendor_id
                    LEFT JOIN document d ON d.id = v.document_id
                    ORDER BY v.code_id, ve.slug, d.file_name NULLS FIRST, v.position, ifnull(v.section, ''), v.occurrence
                    """)
            for v in variants {
                variantsByCode[v.code, default: []].append(
                    KnowledgeBaseExport.Variant(
                        vendor: v.vendor, document: v.document, section: v.section, occurrence: v.occurrence,
                        position: v.position, title: v.title, description: v.description, httpStatus: v.httpStatus,
                        causes: items[v.id]?.causes ?? [], fixes: items[v.id]?.fixes ?? [], line: v.lineStart,
                        lineEnd: v.lineStart == v.lineEnd ? nil : v.lineEnd, edited: v.edited))
            }
            let codes = try CodeRecord.fetchAll(db, sql: "SELECT id, code, kind, http_class FROM code ORDER BY code").map { code in
                KnowledgeBaseExport.Code(code: code.code, kind: code.kind, class: code.httpClass, variants: variantsByCode[code.code] ?? [])
            }
            return KnowledgeBaseExport(vendors: vendors, documents: documents, codes: codes)
        }
    }
}
