import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import Testing

@testable import ErrorKBImport

/// Real pages and pages written in the layouts they use, each imported into a real knowledge
/// base and the export scored by the corpus's own scorer (`Corpus/score_import.py`, from
/// `../shared/tools`): the number every change to the importer is judged by.
@Suite("Import: documentation corpora, scored")
struct CorpusScoreTests {
    static let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    /// `development`: the public pages of `../shared/corpus` (its README names every source and
    /// licence). `authored`: pages written here in the layouts the issue names, none a seed.
    @Test("every page imports, and the scorer finds at least 99% of the fields right and no extra entry",
        arguments: ["development", "authored"])
    func corpusScores(_ name: String) async throws {
        let folder = Self.corpora.appendingPathComponent(name)
        let documents = try Self.documents(in: folder)
        #expect(documents.count >= 12)

        let kb = try TestKnowledgeBase.empty()
        for (index, document) in documents.enumerated() {
            // Each page its own vendor, as the scorer expects; a refused page fails the test here.
            _ = try await kb.importer.importFiles(
                [folder.appendingPathComponent(document).path], vendor: "corpus-\(index + 1)", options: ImportOptions(),
                actor: "test")
        }
        let export = try kb.folder.write("export.json", try await kb.exportJSON())
        let result = try Self.score(export: export, corpus: folder.path)
        print("\(name) corpus:\n\(result.output)")
        let score = try #require(Score(result.output), "the scorer printed no score: \(result.output)")
        #expect(score.found == score.entries, "\(result.output)")
        #expect(score.fieldsRight >= 99.0, "\(result.output)")
        #expect(score.extra == 0, "\(result.output)")
        #expect(result.status == 0)
    }

    /// Pages first met after the importer was written: each set's expected files were written
    /// from the pages alone, its first-sight score recorded in BENCHMARKS.md before any rule was
    /// tuned to it. Tuning since lifted three of them to the issue's bar; `batch4` and `batch5`
    /// are kept at the score they have reached, so they only go up. A refused page counts as
    /// missing here.
    @Test("first-sight sets keep their scores: fields right and no more than five extra entries per hundred",
        arguments: [("batch1", 95.0), ("batch2", 95.0), ("batch3", 95.0), ("batch4", 87.0), ("batch5", 88.0)])
    func firstSightScores(_ name: String, floor: Double) async throws {
        let folder = Self.corpora.appendingPathComponent("firstsight").appendingPathComponent(name)
        let documents = try Self.documents(in: folder)
        #expect(documents.count >= 10)
        let kb = try TestKnowledgeBase.empty()
        var refused: [String] = []
        for (index, document) in documents.enumerated() {
            do {
                _ = try await kb.importer.importFiles(
                    [folder.appendingPathComponent(document).path], vendor: "corpus-\(index + 1)", options: ImportOptions(), actor: "test")
            } catch {
                refused.append(document)
            }
        }
        let export = try kb.folder.write("export.json", try await kb.exportJSON())
        let result = try Self.score(export: export, corpus: folder.path)
        let score = try #require(Score(result.output), "the scorer printed no score: \(result.output)")
        let extraPerHundred = Double(score.extra) * 100 / Double(score.entries)
        print("first sight \(name): \(score.found)/\(score.entries) found, \(score.fieldsRight)% fields right, "
            + "\(String(format: "%.1f", extraPerHundred)) extra per 100; refused: \(refused)\n\(result.output)")
        #expect(score.fieldsRight >= floor, "\(result.output)")
        #expect(extraPerHundred <= 5, "\(result.output)")
    }

    private static func documents(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".py") && $0 != "README.md" }
            .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent(stem($0) + ".expected.json").path) }
            .sorted()
    }

    private static func stem(_ file: String) -> String {
        file.split(separator: ".").dropLast().joined(separator: ".")
    }

    private static func score(export: String, corpus: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", corpora.appendingPathComponent("score_import.py").path, export, corpus]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = try output.fileHandleForReading.readAll()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The scorer's last line: `score: found 266/266, fields right 100.0%, extra 0`.
    struct Score {
        var found: Int
        var entries: Int
        var fieldsRight: Double
        var extra: Int

        init?(_ output: String) {
            guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("score:") }) else { return nil }
            let numbers = line.split(whereSeparator: { !($0.isNumber || $0 == ".") }).compactMap { Double($0) }
            guard numbers.count == 4 else { return nil }
            found = Int(numbers[0])
            entries = Int(numbers[1])
            fieldsRight = numbers[2]
            extra = Int(numbers[3])
        }
    }
}
