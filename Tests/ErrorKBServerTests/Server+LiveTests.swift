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
            #expect((try response.object["variants"] as? [Any])?.count == 2)
        }
    }

    @Test("errorkb-server seeds a new database, serves it, and stops cleanly on SIGTERM")
    func executableStartsServesAndStops() async throws {
        let folder = try TemporaryFolder()
        let database = folder.path("fresh.sqlite")
        let server = try await ServerProcess(database: database)
        let body = try #require(try await server.json("/healthz") as? [String: Any])
        #expect(body["codes"] as? Int == 34)
        let permissions = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int
        #expect(permissions.map { $0 & 0o077 } == 0)
        #expect(try await server.stop() == 0)
        #expect(server.process.terminationReason == .exit)
    }
}
