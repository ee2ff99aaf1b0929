import ErrorKBCore
import ErrorKBImport
import ErrorKBStore
import Foundation

/// What a code's whole answer costs to compute, uncached, on the seeded knowledge base: the
/// entry alone (`code(_:vendor:)`, all a lookup read before the registries) against
/// `CodeAnswer.read` (the entry, its registry rows and retry guidance, and the divergences),
/// the two interleaved over every code, round after round.
///   errorkb-bench answers [--repeat 20]
enum AnswerBenchmark {
    static func run(repeats: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errorkb-answers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kb.sqlite").path
        let writer = try KnowledgeBaseStore.open(at: path)
        _ = try await DocumentImporter(knowledgeBase: writer).importBundledSeeds(actor: "bench")
        try writer.close()
        let repository = try KnowledgeBaseStore.openReadOnly(at: path)
        let codes = try await allCodes(in: repository)
        let today = CalendarDay.today()

        var entryTimes: [String: [Duration]] = [:]
        var answerTimes: [String: [Duration]] = [:]
        for _ in 0..<repeats {
            for code in codes {
                let start = ContinuousClock.now
                _ = try await repository.code(code, vendor: nil)
                let middle = ContinuousClock.now
                _ = try await CodeAnswer.read(code, vendor: nil, in: repository, today: today)
                let end = ContinuousClock.now
                entryTimes[code, default: []].append(middle - start)
                answerTimes[code, default: []].append(end - middle)
            }
        }
        print("seeded knowledge base: \(codes.count) codes, \(repeats) rounds, entry then answer in turn")
        print("| code | entry median µs | answer median µs | answer / entry |")
        print("|---|---:|---:|---:|")
        for code in ["404", "401", "104", "451", "invalid_client", "invalid_grant", "slow_down"] where codes.contains(code) {
            row(code, entryTimes[code] ?? [], answerTimes[code] ?? [])
        }
        row("all codes", entryTimes.values.flatMap { $0 }, answerTimes.values.flatMap { $0 })
        try repository.close()
    }

    private static func allCodes(in repository: some KnowledgeBaseReading) async throws -> [String] {
        var codes: [String] = []
        var cursor: Cursor?
        repeat {
            let page = try await repository.codes(filter: CodeFilter(), page: PageRequest(limit: 100, cursor: cursor))
            codes += page.items.map(\.code)
            cursor = page.next
        } while cursor != nil
        return codes
    }

    private static func row(_ name: String, _ entry: [Duration], _ answer: [Duration]) {
        let entryMedian = median(entry)
        let answerMedian = median(answer)
        let ratio = entryMedian > 0 ? String(format: "%.1f", answerMedian / entryMedian) : "-"
        print("| \(name) | \(Int(entryMedian)) | \(Int(answerMedian)) | \(ratio) |")
    }

    private static func median(_ durations: [Duration]) -> Double {
        let sorted = durations.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted[sorted.count / 2]
        return Double(middle.components.seconds) * 1_000_000 + Double(middle.components.attoseconds) / 1e12
    }
}
