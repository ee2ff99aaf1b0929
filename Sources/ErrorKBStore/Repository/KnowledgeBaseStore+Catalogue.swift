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
        SELECT d.id, d.file_name, ve.slug, d.title, d.sha256, d.line_count, d.imported_at,
               (SELECT count(*) FROM variant v WHERE v.document_id = d.id) AS variants
        FROM document d JOIN vendor ve ON ve.id = d.vendor_id
        """

    public func vendors() async throws -> [VendorSummary] {
        try await database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "\(Self.vendorSummarySQL) ORDER BY ve.slug"))
                .map(Self.vendorSummary)
        }
    }

    public func vendor(_ slug: String) async throws -> VendorSummary? {
        try await database.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "\(Self.vendorSummarySQL) WHERE ve.slug = ?"), arguments: [slug])
                .map(Self.vendorSummary)
        }
    }

    public func documents(vendor: String?) async throws -> [SourceDocument] {
        try await database.read { db in
            let rows =
                if let vendor {
                    try Row.fetchAll(
                        db.cachedStatement(sql: "\(Self.documentSQL) WHERE ve.slug = ? ORDER BY d.file_name"),
                        arguments: [vendor])
                } else {
                    try Row.fetchAll(db.cachedStatement(sql: "\(Self.documentSQL) ORDER BY d.file_name"))
                }
            return rows.map(Self.sourceDocument)
        }
    }

    public func document(id: Int64) async throws -> SourceDocument? {
        try await database.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "\(Self.documentSQL) WHERE d.id = ?"), arguments: [id])
                .map(Self.sourceDocument)
        }
    }

    public func document(named fileName: String) async throws -> SourceDocument? {
        try await database.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "\(Self.documentSQL) WHERE d.file_name = ?"), arguments: [fileName])
                .map(Self.sourceDocument)
        }
    }

    private static func vendorSummary(_ row: Row) -> VendorSummary {
        VendorSummary(
            vendor: Vendor(slug: row[0], name: row[1], kind: VendorKind(rawValue: row[2]) ?? .vendor),
            documentCount: row[3], variantCount: row[4], codeCount: row[5])
    }

    private static func sourceDocument(_ row: Row) -> SourceDocument {
        SourceDocument(
            id: row[0], fileName: row[1], vendor: row[2], title: row[3], sha256: row[4], lineCount: row[5],
            importedAt: row[6], variantCount: row[7])
    }
}
