import ErrorKBTestSupport
import Foundation
import Testing

/// Issue 27, finding 5: request content under `--mcp` has a total budget, and content that
/// stops arriving is answered, on the real binary over real sockets.
@Suite("Server: request content budget and timeout (--mcp)")
struct ServerContentLimitTests {
    static func head(length: Int) -> [UInt8] {
        Array(
            ("POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + "Content-Length: \(length)\r\n\r\n").utf8)
    }

    /// The process's resident memory and its peak, in bytes, from `/proc`.
    static func memory(of pid: Int32) throws -> (resident: Int, peak: Int) {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func kilobytes(_ field: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
            return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
        }
        return (kilobytes("VmRSS"), kilobytes("VmHWM"))
    }

    @Test("200 clients each sending all but 80 bytes of a 1 MiB body: each is answered 408 or 503, and memory stays near the 16 MiB budget")
    func almostWholeBodies() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let server = try await ServerProcess(database: kb.path, extraArguments: ["--mcp", "--content-timeout", "1"])
        let before = try Self.memory(of: server.process.processIdentifier)
        let size = 1024 * 1024
        let body = [UInt8](repeating: UInt8(ascii: " "), count: size - 80)
        let connections = try (0..<200).map { _ in
            let connection = try RawConnection(port: server.port, timeout: 60)
            connection.send(Self.head(length: size))
            connection.send(body)
            return connection
        }
        var statuses: [Int: Int] = [:]
        for connection in connections {
            statuses[connection.readAnswer()?.status ?? 0, default: 0] += 1
        }
        let after = try Self.memory(of: server.process.processIdentifier)
        let grown = after.peak - before.resident
        print("content: 200 bodies of 1 MiB - 80 bytes: \(statuses.sorted { $0.key < $1.key }); RSS \(before.resident >> 20) MiB before, peak \(after.peak >> 20) MiB (+\(grown >> 20)), \(after.resident >> 20) MiB after")
        #expect(Set(statuses.keys).isSubset(of: [408, 503]), "every client is answered: \(statuses)")
        #expect(statuses[503, default: 0] > 0, "clients beyond the budget are turned away at once")
        #expect(grown < 64 * 1024 * 1024, "the peak grew by \(grown >> 20) MiB")
        // The budget is given back: the next call is served.
        let ping = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
        let answer = try RawHTTP.exchange(Self.head(length: ping.utf8.count) + Array(ping.utf8), port: server.port)
        #expect(RawHTTP.answers(in: answer).first?.status == 200)
        _ = try await server.stop()
    }

    @Test("a body that stops arriving is answered 408 with a problem, and the connection closed, before the idle timeout")
    func stalledBody() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let server = try await ServerProcess(database: kb.path, extraArguments: ["--mcp", "--content-timeout", "1"])
        let connection = try RawConnection(port: server.port, timeout: 50)
        connection.send(Self.head(length: 100) + Array(#"{"jsonrpc":"2.0","#.utf8))
        let (bytes, closed) = connection.readToClose()
        let answer = try #require(RawHTTP.answers(in: bytes).first, "no answer before the connection ended")
        #expect(answer.status == 408)
        #expect(answer.field("content-type") == "application/problem+json")
        #expect(String(decoding: answer.body, as: UTF8.self).contains("did not all arrive within 1 s"))
        #expect(closed)
        // Declared too large: 413 at once, nothing read.
        let large = try RawHTTP.exchange(Self.head(length: 2 * 1024 * 1024), port: server.port)
        #expect(RawHTTP.answers(in: large).first?.status == 413)
        _ = try await server.stop()
    }

    @Test("a client that sends all of a refused body before it reads still gets the answer: the close lingers")
    func refusedWhileSending() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let server = try await ServerProcess(database: kb.path, extraArguments: ["--mcp"])
        let size = 2 * 1024 * 1024
        let connection = try RawConnection(port: server.port, timeout: 30)
        // As urllib does: the whole body first, then the answer. Closed at once, the
        // connection was reset under the client's send and the 413 lost.
        let sent = connection.send(Self.head(length: size) + [UInt8](repeating: UInt8(ascii: " "), count: size))
        #expect(sent == Self.head(length: size).count + size, "the server read and dropped the rest")
        #expect(connection.readAnswer()?.status == 413)
        _ = try await server.stop()
    }
}
