import ErrorKBTestSupport
import Testing

@testable import ErrorKBCore

/// The monitor's connections each have their own `data_version`; what callers compare is the
/// shared generation. These show it moves on every commit, whichever connection looks.
@Suite("Storage: change monitor")
struct ChangeMonitorTests {
    @Test("after every commit, every look from any of its connections gives a new version")
    func everyCommitIsSeenByEveryConnection() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let monitor = try ChangeMonitor(path: kb.path, connections: 3)
        let id = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first?.id)
        for round in 0..<25 {
            let before = try monitor.version()
            _ = try await kb.repository.editVariant(id: id, actor: "test", action: "variant.update") { $0.title = "Round \(round)" }
            // Many looks at once, so the pool's other connections are used too.
            let after = try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<12 { group.addTask { try monitor.version() } }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(after.count == 12)
            #expect(after.allSatisfy { $0 != before }, "round \(round): \(before) → \(after)")
        }
    }

    @Test("a commit between looks through any two of its connections gives a new version, first looks included")
    func everyPairOfConnectionsSeesACommit() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let id = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first?.id)
        var round = 0
        for first in 0..<3 {
            for second in 0..<3 {
                // A new monitor each time, so `second`'s look may be its very first.
                let monitor = try ChangeMonitor(path: kb.path, connections: 3)
                let before = try monitor.version(lookingThrough: first)
                round += 1
                let title = "Round \(round)"
                _ = try await kb.repository.editVariant(id: id, actor: "test", action: "variant.update") { $0.title = title }
                let after = try monitor.version(lookingThrough: second)
                #expect(after != before, "looked through \(first), then \(second) after a commit")
                // Once every connection has looked since the commit, they agree.
                _ = try (0..<3).map { try monitor.version(lookingThrough: $0) }
                #expect(Set(try (0..<3).map { try monitor.version(lookingThrough: $0) }).count == 1)
            }
        }
    }

    @Test("without a commit, looks one after another agree")
    func quietDatabaseKeepsItsVersion() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let monitor = try ChangeMonitor(path: kb.path, connections: 2)
        let first = try monitor.version()
        for _ in 0..<20 { #expect(try monitor.version() == first) }
    }
}
