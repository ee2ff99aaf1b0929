import ErrorKBCore
import ErrorKBStore
import Foundation

enum StorageBenchmark {
    struct ImportResult {
        var seconds: Double
        var rate: Double
        /// `errorkb optimize` afterwards, timed on its own: not part of the import rate.
        var mergeSeconds: Double
        var segmentsBefore: Int
    }

    /// Fills a new database with a synthetic corpus through the repository's import path.
    static func generate(variants: Int, at path: String) async throws -> ImportResult {
        let repository = try KnowledgeBaseStore.open(at: path)
        var corpus = SyntheticCorpus(variants: variants)
        var seconds = 0.0
        // Ten documents (5,000 rows) a transaction, as a curator importing a folder would; only
        // the import is timed, not making up the documents.
        for batch in stride(from: 0, to: corpus.documentCount, by: 10) {
            let documents = corpus.documents(batch..<min(batch + 10, corpus.documentCount))
            let start = ContinuousClock.now
            _ = try await repository.importDocuments(documents, options: ImportOptions(), actor: "bench")
            seconds += (ContinuousClock.now - start).seconds
        }
        // As a curator would after a bulk load (errorkb import suggests it).
        let start = ContinuousClock.now
        let merged = try await repository.optimizeSearchIndex()
        try repository.close()
        return ImportResult(
            seconds: seconds, rate: Double(variants) / seconds, mergeSeconds: (ContinuousClock.now - start).seconds,
            segmentsBefore: merged.segmentsBefore)
    }

    static func run(sizes: [Int], keep: String?, samples: Int) async throws {
        let folder = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("errorkb-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }

        print("| variants | codes | import s | import variants/s | index merge s | lookup p50 µs | lookup p99 µs | list p50 µs | search p50 µs | search p99 µs | search p99, best of 3 µs | prefix search p50 µs | prefix search p99 µs | file MiB | peak RSS MiB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in sizes {
            let path = folder.appendingPathComponent("kb-\(size).sqlite").path
            try? FileManager.default.removeItem(atPath: path)
            let imported = try await generate(variants: size, at: path)
            let repository = try KnowledgeBaseStore.openReadOnly(at: path)
            var random = SplitMix64(seed: 42)
            let corpus = SyntheticCorpus(variants: size)

            let codes = (0..<samples).map { _ -> String in
                random.next() % 4 == 0 ? "404" : "err_code_\(random.next() % UInt64(corpus.stringCodeCount))"
            }
            let lookups = try await measure(codes) { code in _ = try await repository.code(code, vendor: nil) }
            let classes = ["4xx", "5xx"]
            let lists = try await measure(Array(0..<max(samples / 4, 20))) { index in
                _ = try await repository.codes(filter: CodeFilter(httpClass: classes[index % 2]), page: PageRequest(limit: 50))
            }
            // People search for telling words: one or two drawn from the vocabulary's ranks 20 to
            // 2,000 (the top 20 words are in most rows, like "request" in real pages).
            let words = SyntheticCorpus.vocabulary
            func telling() -> String { words[20 + Int(random.next() % 1_980)] }
            let queries = (0..<samples).map { index -> String in
                index % 2 == 0 ? telling() : telling() + " " + telling()
            }
            let searches = try await measure(queries) { query in
                _ = try await repository.search(query, filter: CodeFilter(), page: PageRequest(limit: 20), highlight: .brackets)
            }
            // The same queries twice more, keeping each query's fastest run: what a search costs
            // with this shared machine's interference taken out (see BENCHMARKS.md).
            var fastest = try await measure(queries, sorted: false) { query in
                _ = try await repository.search(query, filter: CodeFilter(), page: PageRequest(limit: 20), highlight: .brackets)
            }
            for _ in 0..<2 {
                let again = try await measure(queries, sorted: false) { query in
                    _ = try await repository.search(query, filter: CodeFilter(), page: PageRequest(limit: 20), highlight: .brackets)
                }
                fastest = zip(fastest, again).map { min($0, $1) }
            }
            fastest.sort()
            // Prefixes as people type them: the first four letters of a telling word (`tok*`),
            // alone or before a whole word. Each matches many terms, so they are measured apart.
            let prefixQueries = (0..<max(samples / 4, 20)).map { index -> String in
                let prefix = String(telling().prefix(4)) + "*"
                return index % 2 == 0 ? prefix : prefix + " " + telling()
            }
            let prefixSearches = try await measure(prefixQueries) { query in
                _ = try await repository.search(query, filter: CodeFilter(), page: PageRequest(limit: 20), highlight: .brackets)
            }
            let facets = try await repository.facets(filter: CodeFilter())
            let fileBytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print(
                "| \(size) | \(facets.byKind.values.reduce(0, +)) | \(format(imported.seconds)) | \(Int(imported.rate)) | "
                    + "\(String(format: "%.2f", imported.mergeSeconds)) | "
                    + "\(micros(lookups, 0.5)) | \(micros(lookups, 0.99)) | \(micros(lists, 0.5)) | "
                    + "\(micros(searches, 0.5)) | \(micros(searches, 0.99)) | \(micros(fastest, 0.99)) | "
                    + "\(micros(prefixSearches, 0.5)) | \(micros(prefixSearches, 0.99)) | \(fileBytes / 1_048_576) | \(peakRSSMiB()) |")
            fflush(nil)
        }
    }

    /// Runs `body` once per input (after a short warm-up) and returns each run's duration,
    /// sorted unless asked to keep the inputs' order.
    private static func measure<Input>(_ inputs: [Input], sorted: Bool = true, _ body: (Input) async throws -> Void) async throws
        -> [Duration]
    {
        for input in inputs.prefix(10) { try await body(input) }
        var durations: [Duration] = []
        durations.reserveCapacity(inputs.count)
        for input in inputs {
            let start = ContinuousClock.now
            try await body(input)
            durations.append(ContinuousClock.now - start)
        }
        return sorted ? durations.sorted() : durations
    }

    private static func micros(_ sorted: [Duration], _ quantile: Double) -> String {
        guard !sorted.isEmpty else { return "-" }
        let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * quantile))]
        return String(Int(value.seconds * 1_000_000))
    }

    private static func format(_ seconds: Double) -> String { String(format: "%.1f", seconds) }

    private static func peakRSSMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
