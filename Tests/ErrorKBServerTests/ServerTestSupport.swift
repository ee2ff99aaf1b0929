import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ErrorKBServer

/// Builds the real application over a seeded knowledge base in a real file, and runs `body`
/// against its router in process (or on a live socket).
func withServer(
    _ testing: TestingSetup = .router, options configure: (inout ServerOptions) -> Void = { _ in },
    _ body: @Sendable (TestKnowledgeBase, any TestClientProtocol) async throws -> Void
) async throws {
    let kb = try await TestKnowledgeBase.seeded()
    var options = ServerOptions(databasePath: kb.path, port: 0)
    configure(&options)
    var logger = Logger(label: "errorkb-server-tests")
    logger.logLevel = .warning
    let app = try await buildApplication(options: options, logger: logger)
    try await app.test(testing) { client in try await body(kb, client) }
}

extension TestResponse {
    /// The body parsed as JSON.
    var json: Any {
        get throws { try JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) }
    }

    var object: [String: Any] {
        get throws { try #require(try json as? [String: Any]) }
    }
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers) { $0 }
    }
}
