import ErrorKBCore
import ErrorKBTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Server: live sockets")
struct LiveServerTests {
    @Test("the application answers over a real socket")
    func liveSocket() async throws {
        try await withServer(.live) { _, client in
            let response = try await client.get("/v1/codes/invalid_grant")
            #expect(response.status == .ok)
            // Akana's and a guide's, IANA's registration and RFC 6749 §5.2's prescribed 400.
            #expect((try response.object["variants"] as? [Any])?.count == 4)
        }
    }

    @Test("errorkb-server seeds a new database, serves it, and stops cleanly on SIGTERM")
    func executableStartsServesAndStops() async throws {
        let folder = try TemporaryFolder()
        let database = folder.path("fresh.sqlite")
        let server = try await ServerProcess(database: database)
        let body = try #require(try await server.json("/healthz") as? [String: Any])
        #expect(body["codes"] as? Int == 114)
        let permissions = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int
        #expect(permissions.map { $0 & 0o077 } == 0)
        #expect(try await server.stop() == 0)
        #expect(server.process.terminationReason == .exit)
    }

    @Test("without --host the server listens on loopback only, as the kernel reports it")
    func listensOnLoopbackByDefault() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess(database: folder.path("kb.sqlite"))
        // /proc/net/tcp{,6}: "sl local_address rem_address st ...", addresses as HEX_IP:HEX_PORT,
        // state 0A is LISTEN.
        let port = String(format: "%04X", server.port)
        var listening: [String] = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let text = (try? ProcFile.read(table)) ?? ""
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[3] == "0A", fields[1].hasSuffix(":" + port) else { continue }
                listening.append(String(fields[1].dropLast(port.count + 1)))
            }
        }
        #expect(listening == ["0100007F"], "listening on \(listening)")
        #expect(try await server.stop() == 0)
    }
}
