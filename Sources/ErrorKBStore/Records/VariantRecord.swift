import ErrorKBCore
import GRDB

/// A row of `variant`, with its code, vendor's slug and document's file name by name (`code`,
/// `vendor`, `document`), without its causes and fixes, which are rows of `variant_item`.
struct VariantRecord: FetchableRecord {
    var id: Int64
    var code: String
    var vendor: String
    var document: String?
    var section: String?
    var occurrence: Int
    var position: Int
    var title: String?
    var description: String
    var httpStatus: Int?
    var lineStart: Int?
    var lineEnd: Int?
    var edited: Bool

    init(row: Row) throws {
        id = row["id"]
        code = row["code"]
        vendor = row["vendor"]
        document = row["document"]
        section = row["section"]
        occurrence = row["occurrence"]
        position = row["position"]
        title = row["title"]
        description = row["description"]
        httpStatus = row["http_status"]
        lineStart = row["line_start"]
        lineEnd = row["line_end"]
        edited = row["edited"]
    }

    /// The columns, for a query over `variant v JOIN code c JOIN vendor ve LEFT JOIN document d`.
    static let columns = """
        v.id, c.code, ve.slug AS vendor, d.file_name AS document, v.section, v.occurrence, v.position, v.title,
        v.description, v.http_status, v.line_start, v.line_end, v.edited
        """

    /// The snapshot the revision log records, with the causes and fixes given.
    func snapshot(causes: [String] = [], fixes: [String] = []) -> VariantSnapshot {
        VariantSnapshot(
            id: id, code: code, vendor: vendor, document: document, section: section, occurrence: occurrence,
            position: position, title: title, description: description, httpStatus: httpStatus, causes: causes,
            fixes: fixes, lineStart: lineStart, lineEnd: lineEnd, edited: edited)
    }
}
