import ErrorKBTestSupport
import Foundation
import Testing

@Suite("CLI: --public-url is refused at start unless it is a plain URL")
struct CLIPublicURLTests {
    static let hostile = [
        "https://a>b", "https://x\"y", "https://<script>alert(1)</script>", "https://user:pw@example.com", "https://example.com:99999",
        "https://example.com/a>,<https://evil.example>;rel=preload",
    ]

    @Test("errorkb mcp and errorkb-server refuse each hostile value with a usage error, exit 64")
    func refusedByBoth() throws {
        let (folder, db) = try CLIRunner.seeded()
        _ = folder
        for url in Self.hostile {
            let mcp = try CLIRunner.run(["mcp", "--db", db, "--public-url", url], hangGuard: 60)
            #expect(mcp.status == 64, "errorkb mcp --public-url \(url)")
            #expect(mcp.error.contains("--public-url must be an absolute http or https URL"))
            let server = try CLIRunner.runServer(["--db", db, "--port", "0", "--public-url", url], hangGuard: 60)
            #expect(server.status == 64, "errorkb-server --public-url \(url): \(server.error)")
        }
    }
}
