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

    /// Every line on standard output, parsed: objects, and batches' arrays flattened.
    static func lines(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").flatMap { line -> [[String: Any]] in
            let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require((value as? [[String: Any]]) ?? (value as? [String: Any]).map { [$0] }, "not a message: \(line)")
        }
    }

    @Test("every line read is answered or refused, ids JSON-RPC cannot carry get id null, and the process exits 0 at end of input")
    func everyLineIsAnsweredOrRefused() throws {
        let (folder, db) = try CLIRunner.seeded()
        _ = folder
        let refusedByID = [
            #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, #"{"jsonrpc":"2.0","id":true,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":1e20,"method":"ping"}"#, #"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, #"{"jsonrpc":"2.0","id":[7],"method":"ping"}"#,
        ]
        let requests = refusedByID + [
            #"{"jsonrpc":"1.0","id":10,"method":"ping"}"#,
            "{not json", "42", "[]",
            #"{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"search","arguments":[1]}}"#,
            #"{"jsonrpc":"2.0","id":12,"method":"resources/read","params":{"uri":5}}"#,
            #"{"jsonrpc":"2.0","id":13,"method":"ping","params":"x"}"#,
            #"[{"jsonrpc":"2.0","id":14,"method":"ping"},{"jsonrpc":"2.0","id":15}]"#,
            #"[{"jsonrpc":"2.0","id":16,"method":"ping"},{"jsonrpc":"2.0","id":17,"method":"ping"}]"#,
            #"{"jsonrpc":"2.0","id":"last","method":"ping"}"#,
        ]
        let result = try CLIRunner.run(["mcp", "--db", db], input: Self.session(requests), hangGuard: 120)
        #expect(result.status == 0, "exit \(result.status): \(result.error)")
        let lines = try Self.lines(result.output)
        func error(_ id: Int) -> [String: Any]? { lines.first { $0["id"] as? Int == id }?["error"] as? [String: Any] }
        let anonymous = lines.filter { $0["id"] is NSNull }.compactMap { $0["error"] as? [String: Any] }
        // Six bad ids, a message that is not an object, an empty batch, a batch item that is
        // no message (never answered to its id, which may be the client's own): -32600, id null.
        #expect(anonymous.filter { $0["code"] as? Int == -32600 }.count == refusedByID.count + 3)
        // Not JSON: -32700, id null (JSON-RPC 2.0 §5.1), never a made-up id.
        #expect(anonymous.filter { $0["code"] as? Int == -32700 }.count == 1)
        #expect(lines.allSatisfy { $0["id"] is NSNull || $0["id"] is Int || $0["id"] as? String == "last" })
        #expect(error(10)?["code"] as? Int == -32600, "jsonrpc 1.0 is an invalid request, not a parse error")
        #expect(error(11)?["code"] as? Int == -32602, "array arguments are invalid params")
        #expect((error(11)?["message"] as? String)?.contains("'params.arguments' must be an object") == true)
        #expect(error(12)?["code"] as? Int == -32602)
        #expect(error(13)?["code"] as? Int == -32600, "params must be structured")
        #expect(error(14)?["code"] as? Int == -32600, "a batch with a bad item is refused whole, each request by its id")
        #expect(lines.contains { $0["id"] as? Int == 16 && $0["result"] != nil })
        #expect(lines.contains { $0["id"] as? Int == 17 && $0["result"] != nil })
        #expect(lines.contains { $0["id"] as? String == "last" && $0["result"] != nil })
    }

    @Test("with standard output on /dev/full it says so in one line and exits 1 instead of waiting forever")
    func fullStandardOutput() throws {
        let (folder, db) = try CLIRunner.seeded()
        _ = folder
        let full = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let calls = (2...4).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"ping"}"# }
        let result = try CLIRunner.run(["mcp", "--db", db], standardOutput: full, input: Self.session(calls), hangGuard: 120)
        #expect(result.status == 1, "exit \(result.status)")
        #expect(result.error == "errorkb: cannot write to standard output (No space left on device); MCP answers cannot reach the client\n")
    }
}
