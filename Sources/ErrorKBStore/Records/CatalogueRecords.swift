import ErrorKBCore
import GRDB

// One record type per table, decoded by column name, for the reads that are not hot paths
// (exports, snapshots for the revision log, catalogue listings): a query that adds or moves a
// column cannot shift another's value. Joined columns carry the names given here (`vendor`
// for the vendor's slug), so every query that reads a record spells them the same way.

/// A row of `vendor`: `slug`, `name`, `kind`.
struct VendorRecord: FetchableRecord {
    var vendor: Vendor

    init(row: Row) throws {
        vendor = Vendor(slug: row["slug"], name: row["name"], kind: VendorKind(rawValue: row["kind"]) ?? .vendor)
    }
}

/// A row of `document`, with its vendor's slug as `vendor`: `id`, `file_name`, `vendor`,
/// `title`, `sha256`, `line_count`, `imported_at`; its state is the revision log's snapshot.
struct DocumentRecord: FetchableRecord {
    var id: Int64
    var document: DocumentSnapshot

    init(row: Row) throws {
        id = row["id"]
        document = DocumentSnapshot(
            fileName: row["file_name"], vendor: row["vendor"], title: row["title"], sha256: row["sha256"],
            lineCount: row["line_count"], importedAt: row["imported_at"])
    }

    /// The columns, for a query over `document d JOIN vendor ve`.
    static let columns = "d.id, d.file_name, ve.slug AS vendor, d.title, d.sha256, d.line_count, d.imported_at"
}

/// A row of `code`: `id`, `code`, `kind`, `http_class`.
struct CodeRecord: FetchableRecord {
    var id: Int64
    var code: String
    var kind: CodeKind
    var httpClass: String?

    init(row: Row) throws {
        id = row["id"]
        code = row["code"]
        kind = CodeKind(rawValue: row["kind"]) ?? .other
        httpClass = row["http_class"]
    }
}
