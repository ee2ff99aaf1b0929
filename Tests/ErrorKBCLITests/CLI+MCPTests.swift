import ErrorKBTestSupport
import Foundation
import Testing

@Suite("CLI: errorkb mcp")
struct CLIMCPTests {
    static let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#

    static func session(_ requests: [String]) -> Data {
        Data((([initialize, #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#] + requests).joined(separator: "\n") + "\n").utf8)
    }

    /// The answers on standard output, by id.
    static func answers(_ output: String) throws -> [Int: [String: Any]] {
        var answers: [Int: [String: Any]] = [:]
        for line in output.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            answers[try #require(object["id"] as? Int)] = object
        }
        return answers
    }

    @Test("a new database is created and seeded, then every request is answered and the process exits 0 at end of input")
    func seedsAndAnswers() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("new.sqlite")
        let call = #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"lookup_code","arguments":{"name":"HTTP 404"}}}"#
        let result = try CLIRunner.run(["mcp", "--db", db, "--public-url", "https://errors.example.com"], input: Self.session([call]))
        #expect(result.status == 0, "\(result.error)")
        let answers = try Self.answers(result.output)
        #expect(Set(answers.keys) == [1, 2])
        let structured = try #require((answers[2]?["result"] as? [String: Any])?["structuredContent"] as? [String: Any])
        let entry = try #require((structured["matches"] as? [[String: Any]])?.first?["entry"] as? [String: Any])
        #expect(entry["link"] as? String == "https://errors.example.com/v1/codes/404")
        let listed = try CLIRunner.run(["list", "--db", db, "--limit", "500"])
        #expect(listed.output.split(separator: "\n").count >= 34)
    }

    @Test("nothing is written to a knowledge base that holds data, and a read-only file is served as it is")
    func readOnly() throws {
        let (folder, db) = try CLIRunner.seeded()
        let history = try CLIRunner.run(["history", "--db", db]).output
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db) }
        // Root may write a file of mode 0444; an unprivileged user may not.
        let user = try OtherUser.unprivileged()
        let call = #"{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"errorkb://codes/invalid_grant"}}"#
        let result = try CLIRunner.run(["mcp", "--db", db], as: user, input: Self.session([call]))
        #expect(result.status == 0, "\(result.error)")
        #expect(try Self.answers(result.output)[2]?["result"] != nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(try CLIRunner.run(["history", "--db", db]).output == history)
    }

    @Test("a bad --public-url is a usage error, one line, exit 64; a bad request is an MCP error and the server goes on")
    func badInput() throws {
        let (folder, db) = try CLIRunner.seeded()
        _ = folder
        let usage = try CLIRunner.run(["mcp", "--db", db, "--public-url", "ftp://x"])
        #expect(usage.status == 64)
        #expect(usage.error.contains("--public-url must be an absolute http or https URL"))
        let bad = #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search","arguments":{"query":"token","limit":"ten"}}}"#
        let broken = #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":"#
        let good = #"{"jsonrpc":"2.0","id":4,"method":"ping"}"#
        let result = try CLIRunner.run(["mcp", "--db", db], input: Self.session([bad, broken, good]))
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.contains { $0.contains(#""id":2"#) && $0.contains("'limit' must be a whole number") })
        #expect(lines.contains { $0.contains(#""code":-32700"#) || $0.contains(#""code":-32600"#) })
        #expect(lines.contains { $0.contains(#""id":4"#) && $0.contains(#""result""#) })
    }
}
