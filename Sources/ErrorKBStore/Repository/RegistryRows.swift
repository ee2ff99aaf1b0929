import ErrorKBCore
import Foundation
import GRDB

/// The registry tables' rows: written once per version of a file, read for the current ones.
enum RegistryRows {
    /// Keeps a registry table under the sha256 of the bytes it was read from. Content-addressed
    /// like document text: the same bytes are the same rows, so a version already kept (this
    /// document's, or a revert's target) is left as it is, with the day it was first taken.
    static func keep(_ db: Database, _ table: RegistryTable, sha256: String) throws {
        try db.execute(
            sql: "INSERT INTO registry_copy (sha256, registry, header, as_of) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            arguments: [sha256, table.kind.rawValue, try json(table.kind.header), table.asOf])
        guard db.changesCount > 0 else { return }
        let insert = try db.cachedStatement(
            sql: "INSERT INTO registry_row (sha256, position, line, key, cells) VALUES (?, ?, ?, ?, ?)")
        for (position, row) in table.rows.enumerated() {
            try insert.execute(arguments: [sha256, position, row.line, table.kind.key(of: row), try json(row.cells)])
        }
    }

    /// Every document that holds a registry table, in file name order.
    static func copies(_ db: Database) throws -> [RegistryCopy] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT c.registry, d.id, d.file_name, d.sha256, c.as_of, d.imported_at, ve.slug, ve.kind
                    FROM registry_copy c JOIN document d ON d.sha256 = c.sha256 JOIN vendor ve ON ve.id = d.vendor_id
                    ORDER BY d.file_name
                    """)
        ).map { row in
            guard let kind = RegistryKind(rawValue: row[0]), let vendorKind = VendorKind(rawValue: row[7]) else {
                throw KnowledgeBaseError.schema("the registry copy \(row[2] as String) cannot be read")
            }
            return RegistryCopy(
                kind: kind, documentID: row[1], document: row[2], sha256: row[3], asOf: row[4], importedAt: row[5], vendor: row[6],
                vendorKind: vendorKind)
        }
    }

    /// The rows of each registry's current copy (``RegistryCopy/current(among:)``), in file
    /// name then row order; `kind` and `key` narrow them. Older copies, and tables of the same
    /// shape from vendors that are not the registry, answer for nothing (issue 27, finding 8:
    /// whichever file name sorted first was used).
    static func records(_ db: Database, kind: RegistryKind?, key: String?) throws -> [RegistryRecord] {
        try RegistryCopy.current(among: copies(db)).filter { kind == nil || $0.kind == kind }.flatMap { copy in
            try rows(db, of: copy, key: key)
        }
    }

    /// The rows one document holds, whether or not it is its registry's current copy.
    static func records(_ db: Database, document id: Int64) throws -> [RegistryRecord] {
        try copies(db).filter { $0.documentID == id }.flatMap { copy in try rows(db, of: copy, key: nil) }
    }

    private static func rows(_ db: Database, of copy: RegistryCopy, key: String?) throws -> [RegistryRecord] {
        let sql = "SELECT line, cells FROM registry_row WHERE sha256 = ?\(key == nil ? "" : " AND key = ?") ORDER BY position"
        var arguments: StatementArguments = [copy.sha256]
        if let key { _ = arguments.append(contentsOf: [key]) }
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            let cellsText: String = row[1]
            guard let cells = try? JSONDecoder().decode([String].self, from: Data(cellsText.utf8)) else {
                throw KnowledgeBaseError.schema("a registry row of \(copy.document) cannot be read")
            }
            return RegistryRecord(
                kind: copy.kind, documentID: copy.documentID, document: copy.document, asOf: copy.asOf,
                row: RegistryRow(line: row[0], cells: cells))
        }
    }

    private static func json(_ cells: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(cells), as: UTF8.self)
    }
}
