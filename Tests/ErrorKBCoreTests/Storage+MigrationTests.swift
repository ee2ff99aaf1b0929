import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import GRDB
import Testing

@testable import ErrorKBStore

@Suite("Migrations")
struct MigrationTests {
    /// Data a database at each schema version could hold, written with that version's SQL.
    /// A new migration brings a new entry here, so every upgrade path is tried with data in it.
    static let fixtures: [Int: String] = [
        1: """
            INSERT INTO vendor (id, slug, name, kind) VALUES (1, 'acme', 'Acme', 'vendor');
            INSERT INTO code (id, code, kind) VALUES (1, '418', 'http'), (2, 'invalid_grant', 'oauth');
            INSERT INTO document (id, file_name, vendor_id, title, sha256, line_count, imported_at)
                VALUES (1, 'acme.md', 1, 'Acme errors', '\(String(repeating: "a", count: 64))', 10, '2026-01-01T00:00:00.000Z');
            INSERT INTO variant (id, code_id, vendor_id, document_id, section, position, title, description, http_status, line_start, line_end)
                VALUES (1, 1, 1, 1, 'Fun', 0, 'Teapot', 'The kettle refuses to brew coffee.', 418, 3, 4),
                       (2, 2, 1, NULL, NULL, 0, NULL, 'The refresh token was revoked.', 400, NULL, NULL);
            INSERT INTO variant_item (variant_id, list, position, text)
                VALUES (1, 'cause', 0, 'Somebody asked for espresso.'), (1, 'fix', 0, 'Ask for tea.');
            """,
        2: """
            INSERT INTO revision (id, created_at, actor, action, summary) VALUES (1, '2026-01-01T00:00:00.000Z', 'ana', 'import', 'import acme.md');
            INSERT INTO revision_change (revision_id, entity, entity_key, code, before, after)
                VALUES (1, 'variant', '1', '418', NULL, '{"id":1}');
            """,
        // Written through version 3's triggers, into its search index that kept a copy.
        3: """
            INSERT INTO variant_item (variant_id, list, position, text) VALUES (1, 'cause', 1, 'The milk ran out.');
            UPDATE variant SET title = 'Teapot, short and stout' WHERE id = 1;
            """,
        // Version 5 keeps document text; 6 rebuilds the vendor and revision_change tables round it.
        5: """
            INSERT INTO document_text (sha256, text) VALUES ('\(String(repeating: "a", count: 64))', 'Acme errors\n418 Teapot');
            """,
        // Version 6 holds registry tables; 7 indexes documents by sha256, which they are found by.
        6: """
            INSERT INTO vendor (id, slug, name, kind) VALUES (2, 'registry-copy', 'A registry', 'registry');
            INSERT INTO document (id, file_name, vendor_id, title, sha256, line_count, imported_at)
                VALUES (2, 'statuses.csv', 2, NULL, '\(String(repeating: "b", count: 64))', 2, '2026-12-01T00:00:00.000Z');
            INSERT INTO registry_copy (sha256, registry, header, as_of)
                VALUES ('\(String(repeating: "b", count: 64))', 'http-status', '["Value","Description","Reference"]', '2026-12-01');
            INSERT INTO registry_row (sha256, position, line, key, cells)
                VALUES ('\(String(repeating: "b", count: 64))', 0, 2, '418', '["418","(Unused)","[RFC9110, Section 15.5.19]"]');
            """,
    ]

    @Test("migrations are numbered files applied in order, each recorded in the database")
    func migrationsAreNumberedAndRecorded() async throws {
        let migrations = try SchemaMigrations.all()
        #expect(migrations.map(\.identifier) == [
            "0001_catalogue", "0002_revisions", "0003_search", "0004_search_without_copy", "0005_document_text", "0006_registries",
            "0007_listing_indexes",
        ])
        let kb = try TestKnowledgeBase.empty()
        let status = try kb.repository.migrationStatus()
        #expect(status.applied == migrations.map(\.identifier))
        #expect(status.pending.isEmpty)
        #expect(status.version == migrations.count)
    }

    @Test("a database at every earlier schema version, with data in it, migrates without losing anything",
        arguments: 0..<7)
    func upgradingFromEveryEarlierVersionKeepsData(version: Int) async throws {
        let migrations = try SchemaMigrations.all()
        #expect(version < migrations.count)
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")

        // Given a database stopped at `version`, holding what that schema can hold
        do {
            let store = try KnowledgeBaseStore.open(at: path, migrating: false)
            try SchemaMigrations.migrator(upTo: version).migrate(store.database)
            try await store.database.write { db in
                for step in 0...version {
                    if let sql = Self.fixtures[step] { try db.execute(sql: sql) }
                }
            }
            let status = try store.migrationStatus()
            #expect(status.version == version)
            #expect(status.pending.count == migrations.count - version)
            try store.close()
        }

        // When it is opened by either executable's path
        let repository = try KnowledgeBaseStore.open(at: path)

        // Then it is at the latest schema and every row is still there, and searchable
        #expect(try repository.migrationStatus().pending.isEmpty)
        guard version >= 1 else {
            #expect(try await repository.hasNeverHeldAnything())
            return
        }
        let teapot = try #require(try await repository.code("418", vendor: nil))
        #expect(teapot.variants.count == 1)
        #expect(teapot.variants[0].description == "The kettle refuses to brew coffee.")
        #expect(teapot.variants[0].causes == (version >= 3 ? ["Somebody asked for espresso.", "The milk ran out."] : ["Somebody asked for espresso."]))
        #expect(teapot.variants[0].fixes == ["Ask for tea."])
        #expect(teapot.variants[0].lines == LineRange(start: 3, end: 4))
        #expect(teapot.httpClass == "4xx")
        // Before version 5 its text was never kept: the document's page says so rather than showing other text.
        #expect(try await repository.documentText(id: 1) == (version >= 5 ? "Acme errors\n418 Teapot" : nil))
        // The vendor table rebuilt for the registry kind keeps its rows, and the new kind is allowed.
        #expect(try await repository.vendors().map(\.vendor).filter { $0.slug == "acme" } == [Vendor(slug: "acme", name: "Acme", kind: .vendor)])
        // A registry's rows still answer, through the new index.
        let registered = try await repository.registryRecords(kind: .httpStatus, key: "418")
        #expect(registered.map(\.document) == (version >= 6 ? ["statuses.csv"] : []))
        try await repository.createVendor(Vendor(slug: "iana", name: "IANA", kind: .registry), actor: "test")
        let grant = try #require(try await repository.code("invalid_grant", vendor: nil))
        #expect(grant.variants.first?.httpStatus == 400)
        let found = try await repository.search("espresso", filter: CodeFilter(), page: PageRequest(), highlight: .brackets)
        #expect(found.items.map(\.code) == ["418"])
        if version >= 3 {
            let milk = try await repository.search("milk stout", filter: CodeFilter(), page: PageRequest(), highlight: .brackets)
            #expect(milk.items.map(\.code) == ["418"])
        }
        // The rebuilt index agrees with the text it was built from.
        #expect(try SearchIndexCheck.problem(at: path) == nil)
        if version >= 2 {
            let history = try await repository.revisions(code: "418", page: PageRequest())
            #expect(history.items.map(\.actor) == ["ana"])
        }
    }

    @Test("a new database file is readable by its owner only")
    func newDatabaseFileIsOwnerOnly() throws {
        let kb = try TestKnowledgeBase.empty()
        let attributes = try FileManager.default.attributesOfItem(atPath: kb.path)
        let permissions = try #require(attributes[.posixPermissions] as? Int)
        #expect(permissions & 0o077 == 0)
    }

    @Test("read-only connections can read but never write, and refuse an unmigrated file")
    func readOnlyConnectionsCannotWrite() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let reader = try KnowledgeBaseStore.openReadOnly(at: kb.path)
        #expect(try await reader.code("404", vendor: nil) != nil)
        await #expect(throws: (any Error).self) {
            try await reader.createCode("499", kind: .http, actor: "test")
        }
        #expect(try await kb.repository.code("499", vendor: nil) == nil)

        let folder = try TemporaryFolder()
        let stale = folder.path("stale.sqlite")
        try KnowledgeBaseStore.open(at: stale, migrating: false).close()
        #expect(throws: KnowledgeBaseError.self) { try KnowledgeBaseStore.openReadOnly(at: stale) }
    }

    @Test("SQLite is set up for a server and a CLI sharing one file")
    func connectionSettings() async throws {
        let kb = try TestKnowledgeBase.empty()
        let (journal, foreignKeys) = try await kb.repository.database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == true)
    }

    @Test("the database path is --db, else $ERRORKB_DB, else ./errorkb.sqlite")
    func databaseLocation() {
        #expect(DatabaseLocation.resolve(option: "a.sqlite", environment: ["ERRORKB_DB": "b.sqlite"]) == "a.sqlite")
        #expect(DatabaseLocation.resolve(option: nil, environment: ["ERRORKB_DB": "b.sqlite"]) == "b.sqlite")
        #expect(DatabaseLocation.resolve(option: nil, environment: [:]) == "errorkb.sqlite")
    }
}
