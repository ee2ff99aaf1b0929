import ErrorKBTestSupport
import Foundation
import Testing

/// What `errorkb` refuses before it writes: codes the API could not serve, selectors that
/// disagree, restores with values that are not what they claim, usage mistakes, in one line.
@Suite("errorkb: input it refuses")
struct InputRulesTests {

    @Test("a code the CLI accepts is one the API serves; one it could not serve is refused, nothing written")
    func codesAreServable() async throws {
        let kb = try CLIRunner.seeded()
        let before = try CLIRunner.run(["export", "--db", kb.db]).output
        for code in ["😀", "a/b", "..", ".", "acme:E42", "a  b", " a", "evil\u{1B}[2J"] {
            let refused = try CLIRunner.run(["code", "add", code, "--db", kb.db])
            #expect(refused.status == 5, "\(code)")
            #expect(refused.error.hasPrefix("errorkb: invalid code: "), "\(refused.error)")
            #expect(refused.error.split(separator: "\n").count == 1)
            let variant = try CLIRunner.run(["variant", "add", code, "--vendor", "akana", "--description", "x", "--create-code", "--db", kb.db])
            #expect(variant.status != 0, "\(code)")
        }
        #expect(try CLIRunner.run(["export", "--db", kb.db]).output == before)

        for code in ["rate.limited", "-32600", "E0000011", "no such element"] {
            let added = try CLIRunner.run(["variant", "add", "--vendor", "akana", "--description", "Served.", "--create-code", "--db", kb.db, "--", code])
            #expect(added.status == 0, "\(code): \(added.error)")
        }
        let server = try await ServerProcess(database: kb.db)
        for code in ["rate.limited", "-32600", "E0000011", "no%20such%20element"] {
            let lookup = try await server.get("/v1/codes/\(code)")
            #expect(lookup.status == 200, "\(code)")
        }
        _ = try await server.stop()
    }

    @Test("selectors that disagree are refused, not resolved: --id with --vendor, a value with its removal",
        arguments: [
            ["set", "404", "--id", "8", "--vendor", "generic", "--title", "x"],
            ["set", "404", "--vendor", "generic", "--title", "x", "--no-title"],
            ["set", "404", "--vendor", "generic", "--status", "404", "--no-status"],
            ["cause", "add", "404", "A cause.", "--id", "8", "--document", "x.txt"],
        ])
    func conflictingSelectors(command: [String]) throws {
        let kb = try CLIRunner.seeded()
        let before = try CLIRunner.run(["export", "--db", kb.db]).output
        let result = try CLIRunner.run(command + ["--db", kb.db])
        #expect(result.status == 64)
        #expect(result.error.hasSuffix("not both (see --help)\n"), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(try CLIRunner.run(["export", "--db", kb.db]).output == before)
    }

    @Test("a restore whose imported_at is not a time, or whose code breaks the rule, is refused whole")
    func restoreChecksItsValues() throws {
        let kb = try CLIRunner.seeded()
        let export = try CLIRunner.run(["export", "--db", kb.db]).output
        let folder = try TemporaryFolder()
        for (name, broken) in [
            ("yesterday", export.replacingOccurrences(of: #""imported_at" : "20"#, with: #""imported_at" : "yesterday"#)),
            ("bad code", export.replacingOccurrences(of: #""code" : "invalid_grant""#, with: #""code" : "acme:invalid_grant""#)),
        ] {
            #expect(broken != export, "\(name): the export changed")
            let file = try folder.write("\(name).json", broken)
            let db = folder.path("\(name).sqlite")
            let restored = try CLIRunner.run(["import", "--format", "json", file, "--db", db])
            #expect(restored.status == 5, "\(name): \(restored.error)")
            #expect(restored.error.split(separator: "\n").count == 1)
            #expect(try CLIRunner.run(["list", "--db", db]).output.isEmpty, "\(name)")
        }
    }

    @Test("usage mistakes are one line with exit 64", arguments: [["nosuch"], ["show", "404", "--bogus"], ["code", "add"]])
    func usageErrorsAreOneLine(command: [String]) throws {
        let result = try CLIRunner.run(command)
        #expect(result.status == 64)
        #expect(result.error.hasPrefix("errorkb: ") && result.error.hasSuffix(" (see --help)\n"), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(result.output.isEmpty)
    }
}
