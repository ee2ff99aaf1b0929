import ErrorKBTestSupport
import Foundation
import Testing

/// A curator who asks why a page was read as it was is told, per table, which column was taken
/// as what and why — by `errorkb parse` before an import and by `errorkb import` after one.
@Suite("errorkb: how each table was read")
struct TableReadingTests {
    static let page = """
        # Widget API errors

        | Parameter | Type | Required |
        |---|---|---|
        | limit | integer | no |
        | cursor | string | no |

        | HTTP status | Error code | Meaning |
        |---|---|---|
        | 404 | widget_missing | The widget does not exist. |
        | 409 | widget_locked | Another request holds the widget. |
        | 429 | rate_limited | Too many requests. |
        """

    @Test("parse and import print each table's column roles with their reasons, and the set-aside table with why")
    func columnRolesAreReported() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("widgets.md", Self.page)
        let parsed = try CLIRunner.run(["parse", file])
        #expect(parsed.status == 0)
        #expect(parsed.output.contains("table at lines 3-6: set aside, header \"Parameter\" names parameters, fields or events"), "\(parsed.output)")
        let roles = try #require(parsed.output.split(separator: "\n").first { $0.contains("table at lines 8-12") }, "\(parsed.output)")
        #expect(roles.contains("3 entries"))
        #expect(roles.contains("\"Error code\" → code (header \"Error code\""), "\(roles)")
        #expect(roles.contains("\"HTTP status\" → http status"), "\(roles)")
        #expect(roles.contains("\"Meaning\" → description"), "\(roles)")

        let json = try CLIRunner.run(["parse", "--json", file])
        let pages = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        let tables = try #require(pages.first?["tables"] as? [[String: Any]])
        #expect(tables.count == 2)
        #expect((tables[1]["columns"] as? [[String: Any]])?.compactMap { $0["role"] as? String } == ["http status", "code", "description"])

        let db = folder.path("kb.sqlite")
        let imported = try CLIRunner.run(["import", file, "--vendor", "widgets", "--db", db])
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("\"Error code\" → code"), "\(imported.output)")
        #expect(imported.output.contains("set aside, header \"Parameter\""), "\(imported.output)")
    }
}
