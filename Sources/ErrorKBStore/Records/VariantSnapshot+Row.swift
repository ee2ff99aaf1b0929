import ErrorKBCore
import GRDB

/// A row of `variant` read as the snapshot the revision log records, with its code, vendor's
/// slug and document's file name by name (`code`, `vendor`, `document`), and without its
/// causes and fixes, which are rows of `variant_item`.
extension VariantSnapshot: FetchableRecord {
    init(row: Row) throws {
        self.init(
            id: row["id"], code: row["code"], vendor: row["vendor"], document: row["document"], section: row["section"],
            occurrence: row["occurrence"], position: row["position"], title: row["title"], description: row["description"],
            httpStatus: row["http_status"], causes: [], fixes: [], lineStart: row["line_start"], lineEnd: row["line_end"],
            edited: row["edited"])
    }

    /// The columns, for a query over `variant v JOIN code c JOIN vendor ve LEFT JOIN document d`.
    static let columns = """
        v.id, c.code, ve.slug AS vendor, d.file_name AS document, v.section, v.occurrence, v.position, v.title,
        v.description, v.http_status, v.line_start, v.line_end, v.edited
        """
}
