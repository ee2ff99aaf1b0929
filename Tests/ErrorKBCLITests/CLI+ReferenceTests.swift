import ErrorKBTestSupport
import Foundation
import Testing

/// The reference commands end to end: `show` by any name, `divergences`, `retry`, and the
/// registry CSVs in and out.
@Suite("errorkb: registries, retry guidance, divergences")
struct ReferenceCommandTests {
    private func seeded() throws -> (TemporaryFolder, [String: String]) {
        let folder = try TemporaryFolder()
        let environment = ["ERRORKB_DB": folder.path("kb.sqlite")]
        #expect(try CLIRunner.run(["init"], environment: environment).status == 0)
        return (folder, environment)
    }

    @Test("show takes any name, and prints the registration, retry guidance and divergences")
    func showByName() throws {
        let (folder, environment) = try seeded()
        defer { _ = folder }
        let old = try CLIRunner.run(["show", "Unprocessable Entity"], environment: environment)
        #expect(old.status == 0, "\(old.error)")
        #expect(old.output.hasPrefix("422"))
        #expect(old.output.contains("422: Unprocessable Content, permanent"))
        #expect(old.output.contains("\"Unprocessable Entity\"; the registry's name is \"Unprocessable Content\""))
        let early = try CLIRunner.run(["show", "HTTP 104"], environment: environment)
        #expect(early.output.contains("temporary (registered 2024-11-13, extended 2025-09-15,"))
        let slow = try CLIRunner.run(["show", "SLOW_DOWN"], environment: environment)
        #expect(slow.output.hasPrefix("slow_down"))
        #expect(slow.output.contains("after_delay, wait: the polling interval, increased by 5 seconds  [RFC8628, Section 3.5]"))
        let json = try CLIRunner.run(["show", "invalid_client", "--json"], environment: environment)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((answer["prescriptions"] as? [Any])?.count == 3)
        let unknown = try CLIRunner.run(["show", "Teapot Overflow"], environment: environment)
        #expect(unknown.status == 3)
        #expect(unknown.error == "errorkb: unknown code 'Teapot Overflow'\n")
    }

    @Test("divergences lists them all, by vendor and kind")
    func divergences() throws {
        let (folder, environment) = try seeded()
        defer { _ = folder }
        let akana = try CLIRunner.run(["divergences", "--vendor", "akana", "--kind", "title"], environment: environment)
        #expect(akana.status == 0)
        #expect(akana.output.contains("404\ttitle\t"))
        #expect(akana.output.contains("akana calls 404 \"Resource not found\"; the registry's name is \"Not Found\""))
        #expect(!akana.output.contains("generic"))
        let json = try CLIRunner.run(["divergences", "--json"], environment: environment)
        let items = try #require((try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        #expect(Set(items.compactMap { $0["kind"] as? String }) == ["title", "http_status", "usage_location"])
        #expect(try CLIRunner.run(["divergences", "--vendor", "nobody"], environment: environment).status == 3)
        #expect(try CLIRunner.run(["divergences", "--kind", "mood"], environment: environment).status == 64)
    }

    @Test("retry guidance is set, replaced and removed as revisions, and a revert brings it back")
    func retryGuidance() throws {
        let (folder, environment) = try seeded()
        defer { _ = folder }
        let set = try CLIRunner.run(
            [
                "retry", "set", "502", "--retry", "yes", "--idempotent-only", "--reference", "[RFC9110, Section 9.2.2]",
                "--quote", "A client SHOULD NOT automatically retry a request with a non-idempotent method unless it has some means to know that the request semantics are actually idempotent, regardless of the method, or some means to detect that the original request was never applied.",
                "--read-from", "rfc9110.txt", "--actor", "ana",
            ], environment: environment)
        #expect(set.status == 0, "\(set.error)")
        let list = try CLIRunner.run(["retry", "list", "502"], environment: environment)
        #expect(list.output.hasPrefix("502\tyes; idempotent only\t[RFC9110, Section 9.2.2]"))
        let history = try CLIRunner.run(["history", "502", "--json"], environment: environment)
        #expect(history.output.contains("\"action\" : \"guidance.set\""))
        #expect(try CLIRunner.run(["retry", "rm", "503", "--context", "revocation endpoint"], environment: environment).status == 0)
        #expect(try CLIRunner.run(["retry", "list", "503"], environment: environment).output.split(separator: "\n").count == 1)
        let removal = try CLIRunner.run(["history", "--limit", "1", "--json"], environment: environment)
        let id = try #require(((try JSONSerialization.jsonObject(with: Data(removal.output.utf8)) as? [[String: Any]])?.first)?["id"] as? Int)
        #expect(try CLIRunner.run(["revert", String(id)], environment: environment).status == 0)
        #expect(try CLIRunner.run(["retry", "list", "503"], environment: environment).output.split(separator: "\n").count == 2)

        let missing = try CLIRunner.run(["retry", "rm", "418"], environment: environment)
        #expect(missing.status == 3)
        #expect(missing.error == "errorkb: no retry guidance for '418'\n")
        let unquoted = try CLIRunner.run(
            ["retry", "set", "502", "--retry", "yes", "--reference", "RFC 9110", "--quote", "q", "--read-from", "x"], environment: environment)
        #expect(unquoted.status == 5)
        #expect(unquoted.error.contains("invalid reference"))
    }

    @Test("export --format iana-csv gives back each registry file byte for byte; a bad one is refused with its line")
    func registryFiles() throws {
        let (folder, environment) = try seeded()
        for (registry, file) in [("http-status", "http-status-codes-1.csv"), ("oauth-error", "oauth-extensions-error.csv"), ("oauth-status", "oauth-error-http-status.csv")] {
            let output = folder.path(file)
            let export = try CLIRunner.run(["export", "--format", "iana-csv", "--registry", registry, "--output", output], environment: environment)
            #expect(export.status == 0, "\(export.error)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data(contentsOf: PackagePaths.seeds.appendingPathComponent(file)))
        }
        #expect(try CLIRunner.run(["export", "--format", "iana-csv"], environment: environment).status == 64)

        let before = try CLIRunner.run(["export"], environment: environment).output
        let bad = folder.path("bad/http-status-codes-1.csv")
        try FileManager.default.createDirectory(atPath: folder.path("bad"), withIntermediateDirectories: true)
        let text = try String(contentsOf: PackagePaths.seeds.appendingPathComponent("http-status-codes-1.csv"), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "429,Too Many Requests,[RFC6585]", with: "429,Too Many Requests").utf8).write(to: URL(fileURLWithPath: bad))
        let refused = try CLIRunner.run(["import", "--vendor", "iana", bad], environment: environment)
        #expect(refused.status == 5)
        #expect(refused.error == "errorkb: http-status-codes-1.csv, line 58: 2 fields where the header has 3 (Value,Description,Reference); nothing was imported\n")
        #expect(try CLIRunner.run(["export"], environment: environment).output == before)
        #expect(try CLIRunner.run(["import", "--as-of", "2026-13-01", bad], environment: environment).status == 64)
    }
}
