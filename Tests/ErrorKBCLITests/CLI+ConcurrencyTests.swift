import ErrorKBTestSupport
import Foundation
import Synchronization
import Testing

/// Tells the reader loop to stop. Not task cancellation: cancelling a task that awaits
/// FoundationNetworking's URLSession on Linux can deadlock the resume (seen here, in
/// `withStatusRecordLock`).
private final class StopFlag: Sendable {
    private let raised = Mutex(false)
    var isRaised: Bool { raised.withLock { $0 } }
    func raise() { raised.withLock { $0 = true } }
}

@Suite("errorkb: concurrent writers beside a serving server")
struct ConcurrencyTests {
    @Test("4 writer processes x 25 edits while HTTP readers load the server: nothing lost, nothing locked")
    func concurrentWritersLoseNothing() async throws {
        let folder = try TemporaryFolder()
        let database = folder.path("kb.sqlite")
        #expect(try CLIRunner.run(["init", "--db", database]).status == 0)
        let server = try await ServerProcess(database: database)

        // Readers: poll the code being edited. A committed state holds, for each writer, its
        // first k edits and no others (each writer commits in order), and no reader ever sees
        // the count go back.
        let stop = StopFlag()
        let readers = (0..<2).map { _ in
            Task {
                var answers = 0
                var lastCount = 0
                while !stop.isRaised {
                    guard let entry = try? await server.json("/v1/codes/404?vendor=akana") as? [String: Any],
                        let causes = (entry["variants"] as? [[String: Any]])?.first?["causes"] as? [String]
                    else { continue }
                    #expect(Self.isCommittedState(causes), "a state no commit made: \(causes)")
                    #expect(causes.count >= lastCount, "the count went back from \(lastCount) to \(causes.count)")
                    lastCount = causes.count
                    answers += 1
                }
                return answers
            }
        }

        // Writers start once the server has answered a read, so the readers run beside them.
        _ = try await server.json("/v1/codes/404?vendor=akana")
        let failures = try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    var failures: [String] = []
                    for edit in 0..<25 {
                        let result = try CLIRunner.run(
                            ["cause", "add", "404", "--vendor", "akana", "Writer \(writer) edit \(edit).", "--db", database])
                        if result.status != 0 { failures.append(result.error) }
                    }
                    return failures
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        stop.raise()
        var answers = 0
        for reader in readers { answers += await reader.value }

        #expect(failures.isEmpty, "\(failures)")
        #expect(!failures.contains { $0.contains("locked") })
        let final = try CLIRunner.run(["show", "404", "--vendor", "akana", "--json", "--db", database])
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(final.output.utf8)) as? [String: Any])
        let causes = try #require((entry["variants"] as? [[String: Any]])?.first?["causes"] as? [String])
        #expect(causes.count == 100)
        #expect(Set(causes).count == 100)
        let served = try #require(try await server.json("/v1/codes/404?vendor=akana") as? [String: Any])
        #expect(((served["variants"] as? [[String: Any]])?.first?["causes"] as? [String])?.count == 100)
        let history = try CLIRunner.run(["history", "404", "--limit", "500", "--json", "--db", database])
        let revisions = try #require(try JSONSerialization.jsonObject(with: Data(history.output.utf8)) as? [Any])
        #expect(revisions.count == 101)
        #expect(answers > 0)
        #expect(try await server.stop() == 0)
        print("concurrency: 4 writers x 25 edits, \(causes.count) kept, \(revisions.count) revisions, \(failures.count) failed; 2 readers made \(answers) reads")
    }

    /// True when every cause is a writer's sentence and each writer's edits are 0..<k.
    static func isCommittedState(_ causes: [String]) -> Bool {
        var edits: [Int: [Int]] = [:]
        for cause in causes {
            let words = cause.dropLast().split(separator: " ")
            guard words.count == 4, words[0] == "Writer", let writer = Int(words[1]), let edit = Int(words[3]) else { return false }
            edits[writer, default: []].append(edit)
        }
        return edits.values.allSatisfy { $0.sorted() == Array(0..<$0.count) }
    }
}
