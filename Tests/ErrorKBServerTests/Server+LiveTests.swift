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
        let port = Int.random(in: 20_000...60_000)
        let process = Process()
        process.executableURL = PackagePaths.products.appendingPathComponent("errorkb-server")
        process.arguments = ["--port", String(port), "--log-level", "warning"]
        process.environment = ["ERRORKB_DB": database, "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var health: (Data, URLResponse)?
        for _ in 0..<100 where health == nil {
            try await Task.sleep(for: .milliseconds(100))
            health = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
        }
        let (data, response) = try #require(health)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let body = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(body["codes"] as? Int == 34)
        let permissions = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int
        #expect(permissions.map { $0 & 0o077 } == 0)

        process.terminate()
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}
