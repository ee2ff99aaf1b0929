import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The built `errorkb-server` running as its own process on a loopback port, stopped with
/// SIGTERM when the test is done.
public final class ServerProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the test that owns this value.
    public let port: Int
    public let process: Process

    /// - Parameter waitingFor: the `/healthz` statuses that mean the server is up (a test of a
    ///   damaged file waits for its 503).
    /// - Parameter log: where its log (standard error) goes; nowhere unless given.
    public init(
        database: String, extraArguments: [String] = [], as user: OtherUser? = nil, waitingFor ready: Set<Int> = [200],
        log: FileHandle? = nil
    ) async throws {
        port = Int.random(in: 20_000...60_000)
        process = Process()
        let executable = PackagePaths.products.appendingPathComponent("errorkb-server")
        let arguments = ["--db", database, "--port", String(port), "--log-level", "warning"] + extraArguments
        try OtherUser.prepare(process, running: executable, arguments: arguments, as: user)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = log ?? FileHandle.nullDevice
        try process.run()
        for _ in 0..<150 {
            if let status = (try? await get("/healthz"))?.status, ready.contains(status) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw URLError(.cannotConnectToHost)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    public func get(_ path: String) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    public func json(_ path: String) async throws -> Any {
        try JSONSerialization.jsonObject(with: try await get(path).body)
    }

    /// Stops the server as an operator would, and waits for it to exit.
    public func stop() async throws -> Int32 {
        process.terminate()
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        return process.terminationStatus
    }
}
