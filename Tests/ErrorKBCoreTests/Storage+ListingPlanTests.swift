import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import GRDB
import GRDBSQLite
import Synchronization
import Testing

@testable import ErrorKBStore

/// Issue 27, finding 3: the `document` filter ran a subquery per code, planned through the
/// document's index, so one listing walked the document once per code (6 s for a 5,000-code
/// document, 18–46 s for 10,000). Every statement each listing call runs is recorded here and
/// its plan read with `EXPLAIN QUERY PLAN`: a filter must be a set looked up once from its
/// value, never a correlated subquery, and nothing may scan a table the answer does not list.
@Suite("Storage: every listing query is planned by what it matches")
struct ListingPlanTests {
    /// The statements a store ran, as SQL with `?` for its values.
    private final class Recorder: Sendable {
        let statements = Mutex<[String]>([])
    }

    /// A plan's lines, outermost first, indented by depth: `SEARCH c USING INTEGER PRIMARY KEY (rowid=?)`.
    private static func plan(of sql: String, on db: Database) throws -> [String] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db.sqliteConnection, "EXPLAIN QUERY PLAN " + sql, -1, &statement, nil) == SQLITE_OK else {
            throw DatabaseError(message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        defer { sqlite3_finalize(statement) }
        var depth: [Int32: Int] = [0: 0]
        var lines: [String] = []
        // Unbound parameters are NULL: the plan is made when the statement is prepared.
        while sqlite3_step(statement) == SQLITE_ROW {
            let id = sqlite3_column_int(statement, 0)
            let level = (depth[sqlite3_column_int(statement, 1)] ?? 0) + 1
            depth[id] = level
            lines.append(String(repeating: "  ", count: level - 1) + String(cString: sqlite3_column_text(statement, 3)))
        }
        return lines
    }

    /// A reading store on one connection that records every statement it runs.
    private static func tracedStore(_ kb: TestKnowledgeBase) throws -> (KnowledgeBaseStore, Recorder, DatabaseQueue) {
        let recorder = Recorder()
        var configuration = Configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in
            db.trace { event in
                if case .statement(let statement) = event { recorder.statements.withLock { $0.append(statement.sql) } }
            }
        }
        let queue = try DatabaseQueue(path: kb.path, configuration: configuration)
        let store = KnowledgeBaseStore(
            database: queue, isReadOnly: true, checkpointer: nil, changes: ChangeWatch(madeWhenFirstAsked: kb.path))
        return (store, recorder, queue)
    }

    /// Runs `call` on a store reading through one traced connection, and returns each SELECT it
    /// ran with its plan.
    private static func plans(
        _ kb: TestKnowledgeBase, _ call: (KnowledgeBaseStore) async throws -> Void
    ) async throws -> [(sql: String, plan: [String])] {
        let (store, recorder, queue) = try tracedStore(kb)
        try await call(store)
        // GRDB's own first read of a connection is left out.
        let statements = recorder.statements.withLock { $0 }
            .filter { ($0.hasPrefix("SELECT") || $0.hasPrefix("WITH")) && $0 != "SELECT * FROM sqlite_master LIMIT 1" }
        return try await queue.read { db in try statements.map { (sql: $0, plan: try Self.plan(of: $0, on: db)) } }
    }

    /// The store's listings, each with a filter that matches little of a large knowledge base.
    private static let filters: [(name: String, filter: CodeFilter)] = [
        ("none", CodeFilter()), ("class", CodeFilter(httpClass: "4xx")), ("kind", CodeFilter(kind: .oauth)),
        ("vendor", CodeFilter(vendor: "acme")), ("document", CodeFilter(document: "acme.md")),
        ("text", CodeFilter(text: "token")), ("document and class", CodeFilter(httpClass: "4xx", document: "acme.md")),
        ("vendor and text", CodeFilter(vendor: "akana", text: "token")),
    ]

    private static func seededWithADocument() async throws -> TestKnowledgeBase {
        let kb = try await TestKnowledgeBase.seeded()
        let page = "# Acme\n\n| Code | Title | Description |\n|---|---|---|\n"
            + (0..<50).map { "| acme_\($0) | Acme \($0) | The token went wrong, \($0). |\n" }.joined()
        let prepared = try await kb.importer.prepare(name: "acme.md", bytes: Array(page.utf8), vendor: "acme", manifest: nil)
        _ = try await kb.importer.write([prepared], options: ImportOptions(), actor: "test")
        return kb
    }

    @Test("codes, facets, entries and filtered searches: no correlated subquery, no scan of variants, documents or vendors")
    func listingsAreSetLookups() async throws {
        let kb = try await Self.seededWithADocument()
        let document = try #require(try await kb.repository.document(named: "acme.md"))
        var checked = 0
        for (name, filter) in Self.filters {
            let cursor = PageRequest(limit: 20, cursor: Cursor(after: "acme_1"))
            let calls: [(String, (KnowledgeBaseStore) async throws -> Void)] = [
                ("codes", { _ = try await $0.codes(filter: filter, page: PageRequest(limit: 20)) }),
                ("codes after a cursor", { _ = try await $0.codes(filter: filter, page: cursor) }),
                ("facets", { _ = try await $0.facets(filter: filter) }),
                ("entries", { _ = try await $0.entries(filter: filter, page: cursor) }),
                ("search", { store in
                    var scoped = filter
                    scoped.text = nil
                    _ = try await store.search("token", filter: scoped, page: PageRequest(limit: 20), highlight: .brackets)
                }),
            ]
            for (callName, call) in calls {
                for (sql, plan) in try await Self.plans(kb, call) {
                    checked += 1
                    let context = "\(callName), filter \(name):\n\(sql)\n\(plan.joined(separator: "\n"))"
                    #expect(!plan.contains { $0.contains("CORRELATED") }, "\(context)")
                    // What may be scanned: the code table when nothing narrows it (the answer lists
                    // codes), and the search index, which a MATCH walks.
                    let scans = plan.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("SCAN") }
                    for scan in scans {
                        let intermediate = scan.hasPrefix("SCAN (subquery-")
                        // FTS5 walks its own index, and reads its configuration table.
                        let searchIndex = scan.hasPrefix("SCAN variant_search VIRTUAL TABLE") || scan == "SCAN main.variant_search_config"
                        // Unfiltered facets count every code's variants: all of them is the answer.
                        let everything = name == "none" && callName == "facets" && (scan.hasPrefix("SCAN c") || scan.hasPrefix("SCAN v"))
                        #expect(intermediate || searchIndex || everything, "\(scan) in \(context)")
                    }
                }
            }
        }
        for (sql, plan) in try await Self.plans(kb, { _ = try await $0.codes(inDocument: document.id) }) {
            checked += 1
            #expect(!plan.contains { $0.contains("CORRELATED") || $0.contains("SCAN") }, "\(sql)\n\(plan.joined(separator: "\n"))")
        }
        print("plans: \(checked) listing statements checked, none correlated, none scanning what the answer does not list")
    }

    @Test("vendors and documents: each count is one index search per listed row, never a scan")
    func catalogueCountsAreIndexSearches() async throws {
        let kb = try await Self.seededWithADocument()
        let document = try #require(try await kb.repository.document(named: "acme.md"))
        let calls: [(KnowledgeBaseStore) async throws -> Void] = [
            { _ = try await $0.vendors() }, { _ = try await $0.vendor("acme") }, { _ = try await $0.documents(vendor: nil) },
            { _ = try await $0.documents(vendor: "acme") }, { _ = try await $0.document(id: document.id) },
            { _ = try await $0.document(named: "acme.md") },
        ]
        for call in calls {
            for (sql, plan) in try await Self.plans(kb, call) {
                // The listed table itself (vendor, document) is scanned when all of it is listed.
                let scans = plan.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("SCAN") }
                #expect(scans.allSatisfy { $0.hasPrefix("SCAN ve") || $0.hasPrefix("SCAN d") }, "\(sql)\n\(plan.joined(separator: "\n"))")
            }
        }
    }

    @Test("a reading store counts a filter's facets once per commit, whatever page is asked")
    func facetsAreCountedOncePerCommit() async throws {
        let kb = try await Self.seededWithADocument()
        let (store, recorder, _) = try Self.tracedStore(kb)
        func statements(_ call: () async throws -> Facets) async throws -> (Facets, Int) {
            recorder.statements.withLock { $0.removeAll() }
            let facets = try await call()
            return (facets, recorder.statements.withLock { $0 }.filter { $0.hasPrefix("SELECT") }.count)
        }
        let (first, counted) = try await statements { try await store.facets(filter: CodeFilter()) }
        #expect(counted >= 4)
        for filter in [CodeFilter(), CodeFilter()] {
            let (again, ran) = try await statements { try await store.facets(filter: filter) }
            #expect(ran == 0 && again == first)
        }
        let (document, _) = try await statements { try await store.facets(filter: CodeFilter(document: "acme.md")) }
        #expect(document.byDocument == ["acme.md": 50])

        // A commit, by another store, and the next ask counts again and sees it.
        try await kb.repository.createCode("acme_extra", kind: .other, actor: "test")
        let (after, recounted) = try await statements { try await store.facets(filter: CodeFilter()) }
        #expect(recounted >= 4)
        #expect(after.byKind["other"] == (first.byKind["other"] ?? 0) + 1)
    }
}
