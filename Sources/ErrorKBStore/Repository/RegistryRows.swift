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

    static func records(_ db: Database, kind: RegistryKind?, key: String?) throws -> [RegistryRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let kind {
            conditions.append("c.registry = ?")
            _ = arguments.append(contentsOf: [kind.rawValue])
        }
        if let key {
            conditions.append("r.key = ?")
            _ = arguments.append(contentsOf: [key])
        }
        let sql = """
            SELECT c.registry, d.id, d.file_name, c.as_of, r.line, r.cells
            FROM document d
            JOIN registry_copy c ON c.sha256 = d.sha256
            JOIN registry_row r ON r.sha256 = d.sha256
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY d.file_name, r.position
            """
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            let registry: String = row[0]
            let cellsText: String = row[5]
            guard let kind = RegistryKind(rawValue: registry),
                let cells = try? JSONDecoder().decode([String].self, from: Data(cellsText.utf8))
            else {
                throw KnowledgeBaseError.schema("a registry row of \(row[2] as String) cannot be read")
            }
            return RegistryRecord(
                kind: kind, documentID: row[1], document: row[2], asOf: row[3], row: RegistryRow(line: row[4], cells: cells))
        }
    }

    private static func json(_ cells: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(cells), as: UTF8.self)
    }
}
