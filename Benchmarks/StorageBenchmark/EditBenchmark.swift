import ErrorKBCore
import ErrorKBStore
import Foundation

/// How long the repository's write takes for each kind of edit of one variant with many items:
/// the time it holds the write lock, without the CLI's start-up or printing.
///   errorkb-bench edits [--items 10000] [--repeat 5]
enum EditBenchmark {
    static func run(items: Int, repeats: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errorkb-edits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = try KnowledgeBaseStore.open(at: folder.appendingPathComponent("kb.sqlite").path)
        try await repository.createVendor(Vendor(slug: "acme", name: "Acme", kind: .vendor), actor: "bench")
        try await repository.createCode("E_WATER", kind: .other, actor: "bench")
        let causes = (0..<items).map { "Cause number \($0) of the flood in the basement." }
        let variant = try await repository.createVariant(
            VariantDraft(code: "E_WATER", vendor: "acme", content: VariantContent(description: "Many causes.", causes: causes)),
            actor: "bench")

        typealias Edit = (name: String, run: () async throws -> Void)
        func edit(_ action: String, _ change: @escaping @Sendable (inout VariantContent) -> Void) -> () async throws -> Void {
            { _ = try await repository.editVariant(id: variant.id, actor: "bench", action: action, change) }
        }
        let edits: [Edit] = [
            ("cause add --at 1", edit("cause.add") { $0.causes.insert("A platypus in the pipes.", at: 0) }),
            ("cause rm 1", edit("cause.remove") { $0.causes.remove(at: 0) }),
            ("cause add (at the end)", edit("cause.add") { $0.causes.append("The last straw.") }),
            ("cause rm (the last)", edit("cause.remove") { $0.causes.removeLast() }),
            ("description", edit("variant.update") { $0.description += " Again." }),
            ("every cause rewritten", edit("variant.edit") { $0.causes = $0.causes.map { $0 + "!" } }),
            ("revert the last revision", {
                let latest = try await repository.revisions(code: "E_WATER", page: PageRequest(limit: 1)).items[0]
                _ = try await repository.revert(revision: latest.id, actor: "bench")
            }),
        ]
        print("| edit of a variant with \(items) causes | min ms | median ms | max ms |")
        print("|---|---:|---:|---:|")
        for edit in edits {
            var times: [Double] = []
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                try await edit.run()
                times.append((ContinuousClock.now - start).seconds * 1000)
            }
            times.sort()
            print(String(format: "| %@ | %.1f | %.1f | %.1f |", edit.name, times[0], times[times.count / 2], times[times.count - 1]))
        }
        try await repository.deleteVariant(id: variant.id, actor: "bench")
    }
}
