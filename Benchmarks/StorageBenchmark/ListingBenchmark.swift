import ErrorKBCore
import ErrorKBStore
import Foundation

/// What the filtered listings cost against the unfiltered one, at growing sizes (issue 27,
/// finding 3): the store calls behind `/v1/codes` (a page and its facets), `/v1/codes?document=`
/// and `?vendor=`, `/documents/{id}` (the document, its text and its codes) and a page of
/// `/v1/divergences`. Each size is the synthetic corpus plus one wide document of 10,000 new
/// codes, the shape that took 18-46 s before.
///   errorkb-bench listings [--sizes 10000,100000,1000000] [--samples 30] [--keep DIR]
enum ListingBenchmark {
    static let wideRows = 10_000

    static func run(sizes: [Int], samples: Int, keep: String?) async throws {
        let folder = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("errorkb-listings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }
        print("medians of \(samples) calls each, µs; × is against the unfiltered listing (a page of 50 and its facets, counted)")
        print("| variants | unfiltered page | its facets | unfiltered listing | the same, facets kept | document (500 rows) | ×  | wide document (10,000 codes) | × | vendor | × | /documents/{id} | × | wide /documents/{id} | × | divergences, first page | × | divergences, a later page | × |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in sizes {
            let path = folder.appendingPathComponent("listings-\(size).sqlite").path
            if !FileManager.default.fileExists(atPath: path) {
                _ = try await StorageBenchmark.generate(variants: size, at: path)
                try await addWideDocument(at: path)
            }
            // A writing store keeps no facets, so each call counts them: what a listing costs the
            // first time after a commit. A reading store, as a server holds, keeps them.
            let store = try KnowledgeBaseStore.open(at: path)
            let reading = try KnowledgeBaseStore.openReadOnly(at: path)
            let corpus = SyntheticCorpus(variants: size)
            var random = SplitMix64(seed: 27)
            func anyDocument() -> Int { Int(random.next() % UInt64(corpus.documentCount)) }
            let documents = Dictionary(uniqueKeysWithValues: try await store.documents(vendor: nil).map { ($0.fileName, $0.id) })
            let wide = try documents["wide.md"].unwrap("the wide document")
            let page = PageRequest(limit: 50)

            let pageOnly = try await median(samples) { _ = try await store.codes(filter: CodeFilter(), page: page) }
            let facetsOnly = try await median(samples) { _ = try await store.facets(filter: CodeFilter()) }
            let unfiltered = try await median(samples) {
                _ = try await store.codes(filter: CodeFilter(), page: page)
                _ = try await store.facets(filter: CodeFilter())
            }
            let kept = try await median(samples) {
                _ = try await reading.codes(filter: CodeFilter(), page: page)
                _ = try await reading.facets(filter: CodeFilter())
            }
            func listing(_ filter: CodeFilter) async throws -> Double {
                try await median(samples) {
                    _ = try await store.codes(filter: filter, page: page)
                    _ = try await store.facets(filter: filter)
                }
            }
            let document = try await median(samples) {
                let filter = CodeFilter(document: "synthetic-\(anyDocument()).md")
                _ = try await store.codes(filter: filter, page: page)
                _ = try await store.facets(filter: filter)
            }
            let wideListing = try await listing(CodeFilter(document: "wide.md"))
            let vendor = try await median(samples) {
                let filter = CodeFilter(vendor: "vendor-\(anyDocument() / SyntheticCorpus.documentsPerVendor)")
                _ = try await store.codes(filter: filter, page: page)
                _ = try await store.facets(filter: filter)
            }
            func documentPage(_ id: Int64) async throws {
                _ = try await store.document(id: id)
                _ = try await store.documentText(id: id)
                _ = try await store.codes(inDocument: id)
            }
            let documentCall = try await median(samples) {
                try await documentPage(try documents["synthetic-\(anyDocument()).md"].unwrap("a synthetic document"))
            }
            let wideDocument = try await median(samples) { try await documentPage(wide) }
            let today = CalendarDay.today()
            let firstDivergences = try await median(samples) {
                _ = try await Divergence.page(in: store, vendor: nil, page: page, today: today)
            }
            let laterDivergences = try await median(samples) {
                let after = Cursor(after: "err_code_\(random.next() % UInt64(corpus.stringCodeCount))")
                _ = try await Divergence.page(in: store, vendor: nil, page: PageRequest(limit: 50, cursor: after), today: today)
            }
            try store.close()
            try reading.close()
            func ratio(_ value: Double) -> String { String(format: "%.2f", value / unfiltered) }
            print(
                "| \(size) | \(Int(pageOnly)) | \(Int(facetsOnly)) | \(Int(unfiltered)) | \(Int(kept)) | \(Int(document)) | \(ratio(document)) | "
                    + "\(Int(wideListing)) | \(ratio(wideListing)) | \(Int(vendor)) | \(ratio(vendor)) | \(Int(documentCall)) | "
                    + "\(ratio(documentCall)) | \(Int(wideDocument)) | \(ratio(wideDocument)) | \(Int(firstDivergences)) | "
                    + "\(ratio(firstDivergences)) | \(Int(laterDivergences)) | \(ratio(laterDivergences)) |")
            fflush(nil)
        }
    }

    /// One more document, of `wideRows` codes found nowhere else, with its text kept.
    private static func addWideDocument(at path: String) async throws {
        let store = try KnowledgeBaseStore.open(at: path)
        let entries = (0..<wideRows).map { row in
            ImportedEntry(
                code: "wide_\(row)", kind: .other,
                content: VariantContent(title: "Wide \(row)", description: "Row \(row) of the wide document."),
                lines: LineRange(start: row + 1, end: row + 1))
        }
        let text = (0..<wideRows).map { "wide_\($0) Wide \($0): Row \($0) of the wide document." }.joined(separator: "\n")
        let document = DocumentImport(
            fileName: "wide.md", vendor: Vendor(slug: "wide", name: "Wide", kind: .vendor), title: "Wide",
            sha256: String(repeating: "f", count: 64), lineCount: wideRows, text: text, entries: entries)
        _ = try await store.importDocuments([document], options: ImportOptions(), actor: "bench")
        try store.close()
    }

    /// The median duration of `samples` calls, after three to warm up, in µs.
    private static func median(_ samples: Int, _ body: () async throws -> Void) async throws -> Double {
        for _ in 0..<3 { try await body() }
        var durations: [Double] = []
        for _ in 0..<samples {
            let start = ContinuousClock.now
            try await body()
            durations.append((ContinuousClock.now - start).seconds * 1_000_000)
        }
        return durations.sorted()[durations.count / 2]
    }
}

extension Optional {
    func unwrap(_ what: String) throws -> Wrapped {
        guard let self else { throw KnowledgeBaseError.storage("errorkb-bench: \(what) is missing") }
        return self
    }
}
