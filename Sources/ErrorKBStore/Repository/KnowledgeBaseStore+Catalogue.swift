import ErrorKBCore
import GRDB

extension KnowledgeBaseStore {
    private static let vendorSummarySQL = """
        SELECT ve.slug, ve.name, ve.kind,
               (SELECT count(*) FROM document d WHERE d.vendor_id = ve.id) AS documents,
               (SELECT count(*) FROM variant v WHERE v.vendor_id = ve.id) AS variants,
               (SELECT count(DISTINCT v.code_id) FROM variant v WHERE v.vendor_id = ve.id) AS codes
        FROM vendor ve
        """

    private static let documentSQL = """
        SELECT \(DocumentRecord.columns),
               (SELECT count(*) FROM variant v WHERE v.document_id = d.id) AS variants
        FROM document d JOIN vendor ve ON ve.id = d.vendor_id
        """

    public func vendors() async throws -> [VendorSummary] {
        try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: "\(Self.vendorSummarySQL) ORDER BY ve.slug"))
                .map(Self.vendorSummary)
        }
    }

    public func vendor(_ slug: String) async throws -> VendorSummary? {
        try await read { db in
            try Row.fetchOne(db.cachedStatement(sql: "\(Self.vendorSummarySQL) WHERE ve.slug = ?"), arguments: [slug])
                .map(Self.vendorSummary)
        }
    }

    public func documents(vendor: String?) async throws -> [SourceDocument] {
        try await read { db in
            let rows =
                if let vendor {
                    try Row.fetchAll(
                        db.cachedStatement(sql: "\(Self.documentSQL) WHERE ve.slug = ? ORDER BY d.file_name"),
                        arguments: [vendor])
                } else {
                    try Row.fetchAll(db.cachedStatement(sql: "\(Self.documentSQL) ORDER BY d.file_name"))
                }
            return try rows.map(Self.sourceDocument)
        }
    }

    public func document(id: Int64) async throws -> SourceDocument? {
        try await read { db in
            try Row.fetchOne(db.cachedStatement(sql: "\(Self.documentSQL) WHERE d.id = ?"), arguments: [id])
                .map(Self.sourceDocument)
        }
    }

    public func documentText(id: Int64) async throws -> String? {
        try await read { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT t.text FROM document d JOIN document_text t ON t.sha256 = d.sha256 WHERE d.id = ?"),
                arguments: [id])
        }
    }

    public func registryRecords(kind: RegistryKind?, key: String?) async throws -> [RegistryRecord] {
        try await read { db in try RegistryRows.records(db, kind: kind, key: key) }
    }

    public func registryRecords(inDocument id: Int64) async throws -> [RegistryRecord] {
        try await read { db in try RegistryRows.records(db, document: id) }
    }

    public func registryCopies() async throws -> [RegistryCopy] {
        try await read { db in try RegistryRows.copies(db) }
    }

    public func document(named fileName: String) async throws -> SourceDocument? {
        try await read { db in
            try Row.fetchOne(db.cachedStatement(sql: "\(Self.documentSQL) WHERE d.file_name = ?"), arguments: [fileName])
                .map(Self.sourceDocument)
        }
    }

    private static func vendorSummary(_ row: Row) throws -> VendorSummary {
        VendorSummary(
            vendor: try VendorRecord(row: row).vendor, documentCount: row["documents"], variantCount: row["variants"],
            codeCount: row["codes"])
    }

    private static func sourceDocument(_ row: Row) throws -> SourceDocument {
        let record = try DocumentRecord(row: row)
        let document = record.document
        return SourceDocument(
            id: record.id, fileName: document.fileName, vendor: document.vendor, title: document.title,
            sha256: document.sha256, lineCount: document.lineCount, importedAt: document.importedAt, variantCount: row["variants"])
    }
}
