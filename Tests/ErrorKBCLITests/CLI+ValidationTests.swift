import ErrorKBTestSupport
import Foundation
import Testing

/// Issue 27, finding 10: inputs the commands took that they should have refused, and refusals
/// that said the wrong thing, or too much. Each refusal is one line, exit 5 (64 for usage),
/// and writes nothing.
@Suite("errorkb: validation and messages (issue 27)")
struct ValidationTests {
    static let guidance = ["--retry", "no", "--reference", "[RFC9110, Section 15.5.5]", "--quote", "Not found.", "--read-from", "rfc9110.txt"]

    @Test("retry set names a code the knowledge base has, and a number is an HTTP status")
    func retryGuidanceCodes() throws {
        let kb = try CLIRunner.seeded()
        let history = try CLIRunner.run(["history", "--db", kb.db]).output
        let unknown = try CLIRunner.run(["retry", "set", "no_such_error", "--db", kb.db] + Self.guidance)
        #expect(unknown.status == 3)
        #expect(unknown.error == "errorkb: unknown code 'no_such_error'\n")
        let outOfRange = try CLIRunner.run(["retry", "set", "999", "--db", kb.db] + Self.guidance)
        #expect(outOfRange.status == 5)
        #expect(outOfRange.error == "errorkb: invalid code: '999' is not an HTTP status (100-599)\n")
        #expect(try CLIRunner.run(["history", "--db", kb.db]).output == history, "nothing written")
        #expect(try CLIRunner.run(["retry", "set", "404", "--db", kb.db] + Self.guidance).status == 0)
    }

    @Test("--as-of and a restore's imported_at are days the calendar has")
    func calendarDays() throws {
        let kb = try CLIRunner.seeded()
        let page = try kb.folder.write("page.md", "## 418 I'm a teapot\n\nShort and stout.\n")
        let refused = try CLIRunner.run(["import", page, "--vendor", "acme", "--as-of", "2026-02-30", "--dry-run", "--db", kb.db])
        #expect(refused.status == 64)
        #expect(refused.error.contains("--as-of must be a day written yyyy-mm-dd, not '2026-02-30'"))
        #expect(try CLIRunner.run(["import", page, "--vendor", "acme", "--as-of", "2024-02-29", "--dry-run", "--db", kb.db]).status == 0)

        let export = try CLIRunner.run(["export", "--db", kb.db]).output
        let invalidDay = try kb.folder.write(
            "day.json", export.replacingOccurrences(of: #""imported_at" : "20"#, with: #""imported_at" : "2026-02-30T10:00:00.000Z", "x" : "20"#))
        let restore = try CLIRunner.run(["import", "--format", "json", invalidDay, "--db", kb.folder.path("new.sqlite")])
        #expect(restore.status == 5)
        #expect(restore.error.contains("'2026-02-30T10:00:00.000Z' of"), "\(restore.error)")
    }

    @Test("a restore with a number too large for its field says so and where, not 'not JSON'")
    func restoreNumbers() throws {
        let kb = try CLIRunner.seeded()
        let export = try CLIRunner.run(["export", "--db", kb.db]).output
        let line = try #require(export.firstRange(of: /"line_count" : \d+/))
        let huge = try kb.folder.write("huge.json", export.replacingCharacters(in: line, with: #""line_count" : 1000000000000000000000000000000"#))
        let refused = try CLIRunner.run(["import", "--format", "json", huge, "--db", kb.folder.path("new.sqlite")])
        #expect(refused.status == 5)
        #expect(refused.error == "errorkb: \(huge): not an errorkb export: a number too large for its field at .documents[0].line_count\n")
        let broken = try kb.folder.write("broken.json", String(export.prefix(100)))
        let notJSON = try CLIRunner.run(["import", "--format", "json", broken, "--db", kb.folder.path("new2.sqlite")])
        #expect(notJSON.error.hasPrefix("errorkb: \(broken): not an errorkb export: not JSON ("), "\(notJSON.error)")
    }

    @Test("text of only U+200B and the like is empty: causes, fixes, titles, vendor names")
    func invisibleText() throws {
        let kb = try CLIRunner.seeded()
        let history = try CLIRunner.run(["history", "--db", kb.db]).output
        for arguments in [
            ["cause", "add", "404", "--vendor", "akana", "\u{200B}"], ["fix", "add", "404", "--vendor", "akana", "\u{FEFF}\u{2060} "],
            ["set", "404", "--vendor", "akana", "--title", "\u{200B}"], ["vendor", "add", "ghost", "--name", "\u{200B}"],
        ] {
            let result = try CLIRunner.run(arguments + ["--db", kb.db])
            #expect(result.status == 5, "\(arguments)")
            #expect(result.error.contains("must not be empty"), "\(arguments): \(result.error)")
        }
        #expect(try CLIRunner.run(["history", "--db", kb.db]).output == history, "nothing written")
    }

    @Test("a file of vertical tabs, form feeds or other white space is empty, not binary")
    func whiteSpaceFiles() throws {
        let kb = try CLIRunner.seeded()
        for (name, text) in [("vtff.md", "\u{0B}\u{0C}\u{0B}\u{0C}\n\u{0B}"), ("ideographic.md", "\u{3000}\u{A0}\n\u{2003}\u{200B}\n")] {
            let file = try kb.folder.write(name, text)
            let result = try CLIRunner.run(["import", file, "--vendor", "acme", "--db", kb.db])
            #expect(result.status == 5)
            #expect(result.error == "errorkb: \(name): the file is empty or only white space\n", "\(result.error)")
        }
    }

    @Test("a refusal quoting a 4,000,000-digit cell quotes its start and its length; a retry-guidance table is named as one")
    func registryMessages() throws {
        let kb = try CLIRunner.seeded()
        let digits = String(repeating: "1", count: 4_000_000)
        let table = try kb.folder.write("http-status-codes-1.csv", "Value,Description,Reference\r\n\(digits),Huge,[RFC9110]\r\n")
        let refused = try CLIRunner.run(["import", table, "--vendor", "iana", "--db", kb.db])
        #expect(refused.status == 5)
        #expect(refused.error.utf8.count < 300, "\(refused.error.utf8.count) bytes")
        #expect(refused.error.contains("line 2: '111111") && refused.error.contains("…' (4000000 characters) is neither a status"))

        let seeds = PackagePaths.root.appendingPathComponent("Seeds/retry-guidance.csv").path
        let guidance = try CLIRunner.run(["import", seeds, "--vendor", "acme", "--db", kb.db])
        #expect(guidance.status == 5)
        #expect(guidance.error.contains("retry-guidance.csv: this is a retry-guidance table"), "\(guidance.error)")
        #expect(!guidance.error.contains("oauth-status"))
    }
}
