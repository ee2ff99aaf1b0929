import ErrorKBCore
import GRDB

extension KnowledgeBaseStore {
    public func restore(_ export: KnowledgeBaseExport, actor: String) async throws {
        guard export.format == KnowledgeBaseExport.formatName else {
            throw KnowledgeBaseError.invalid(field: "format", reason: "\(export.format.quotedForMessage()) is not an errorkb export")
        }
        guard export.version == KnowledgeBaseExport.currentVersion else {
            throw KnowledgeBaseError.invalid(
                field: "version", reason: "export version \(export.version) is not \(KnowledgeBaseExport.currentVersion)")
        }
        try await write(actor: actor, action: "restore") { db, recorder in
            let empty = try Bool.fetchOne(
                db, sql: "SELECT NOT EXISTS (SELECT 1 FROM code) AND NOT EXISTS (SELECT 1 FROM vendor)") ?? false
            guard empty else {
                throw KnowledgeBaseError.conflict("a restore needs an empty knowledge base; this one holds data")
            }
            for vendor in export.vendors {
                try VariantStore.insertVendor(db, vendor, recorder: recorder)
            }
            for document in export.documents {
                guard Timestamp.isValid(document.importedAt) else {
                    throw KnowledgeBaseError.invalid(
                        field: "imported_at",
                        reason: "\(document.importedAt.quotedForMessage()) of \(document.fileName.quotedForMessage(limit: 255)) is not a UTC time such as 2026-11-21T09:30:00.000Z")
                }
                let snapshot = DocumentSnapshot(
                    fileName: document.fileName, vendor: document.vendor, title: document.title, sha256: document.sha256,
                    lineCount: document.lineCount, importedAt: document.importedAt)
                try VariantStore.writeDocument(db, snapshot)
                try recorder.record(.document, key: document.fileName, code: nil, before: nil, after: snapshot)
            }
            for code in export.codes {
                let codeID = try VariantStore.ensureCode(db, code: code.code, kind: code.kind, recorder: recorder)
                for variant in code.variants {
                    let content = try VariantContent(
                        section: variant.section, title: variant.title, description: variant.description,
                        httpStatus: variant.httpStatus, causes: variant.causes, fixes: variant.fixes
                    ).validated()
                    var snapshot = VariantSnapshot(
                        id: 0, code: code.code, vendor: variant.vendor, document: variant.document, section: nil,
                        occurrence: variant.occurrence, position: variant.position, title: nil, description: "",
                        httpStatus: nil, causes: [], fixes: [], lineStart: variant.line,
                        lineEnd: variant.lineEnd ?? variant.line, edited: variant.edited)
                    snapshot.content = content
                    let documentID = try variant.document.map { try VariantStore.documentID(db, fileName: $0) }
                    snapshot.id = try VariantStore.insert(
                        db, snapshot, codeID: codeID, vendorID: try VariantStore.vendorID(db, slug: variant.vendor),
                        documentID: documentID)
                    try recorder.record(.variant, key: String(snapshot.id), code: code.code, before: nil, after: snapshot)
                }
            }
            return ((), "restore \(export.codes.count) codes from an export")
        }
    }
}
