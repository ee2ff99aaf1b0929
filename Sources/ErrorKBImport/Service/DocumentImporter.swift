import ErrorKBCore
import Foundation

/// A document read and parsed, ready to be written.
public struct PreparedDocument: Sendable {
    public var document: DocumentImport
    public var parsed: ParsedDocument
}

/// Imports documentation pages: reads and checks each file, parses it, resolves its vendor, and
/// hands the batch to the knowledge base as one transaction.
public struct DocumentImporter: Sendable {
    public let knowledgeBase: any KnowledgeBaseCuration

    public init(knowledgeBase: any KnowledgeBaseCuration) {
        self.knowledgeBase = knowledgeBase
    }

    /// Imports `paths` as one batch: if any file is refused, nothing is written.
    /// `registryAsOf` (`yyyy-mm-dd`, today when `nil`) is the day a registry table's copy was taken.
    public func importFiles(
        _ paths: [String], vendor: String?, registryAsOf: String? = nil, options: ImportOptions, actor: String
    ) async throws -> [ImportReport] {
        let prepared = try await prepareAll(paths, vendor: vendor, registryAsOf: registryAsOf ?? CalendarDay.today())
        return try await write(prepared, options: options, actor: actor)
    }

    /// Reads and parses the files on every core at once, since parsing is a third of a large
    /// import's time and the write must wait for all of it. If several files are refused, the
    /// first in `paths` order is the one reported, as when they were read one by one.
    private func prepareAll(_ paths: [String], vendor: String?, registryAsOf: String) async throws -> [PreparedDocument] {
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let outcomes = await withTaskGroup(of: PreparationOutcome.self, returning: [PreparationOutcome].self) { group in
            var next = 0
            // Files after a refused one cannot change which refusal is reported: left unread.
            var firstRefused = paths.count
            func startNext() {
                guard next < firstRefused else { return }
                let index = next
                next += 1
                group.addTask {
                    do {
                        return PreparationOutcome(index: index, result: .success(try await prepare(path: paths[index], vendor: vendor, registryAsOf: registryAsOf)))
                    } catch {
                        return PreparationOutcome(index: index, result: .failure(error))
                    }
                }
            }
            for _ in 0..<width { startNext() }
            var outcomes: [PreparationOutcome] = []
            while let outcome = await group.next() {
                outcomes.append(outcome)
                if case .failure = outcome.result { firstRefused = min(firstRefused, outcome.index) }
                startNext()
            }
            return outcomes.sorted { $0.index < $1.index }
        }
        // Sorted, the first failure met is the first refused file in `paths` order.
        return try outcomes.map { try $0.result.get() }
    }

    /// One file's preparation, and its place in the batch. A named type on purpose: with the
    /// tuple `(Int, Result<PreparedDocument, any Error>)` as the child result, Swift 6.3.1's
    /// optimizer mixed up the results (release builds only: a bounds trap, or a file missing).
    private struct PreparationOutcome: Sendable {
        var index: Int
        var result: Result<PreparedDocument, any Error>
    }

    /// Fills the knowledge base from the seed documents compiled into the binary.
    public func importBundledSeeds(actor: String) async throws -> [ImportReport] {
        let manifest = try SeedManifest.bundled()
        var prepared: [PreparedDocument] = []
        for entry in manifest.documents {
            guard let data = BundledFiles.data(entry.file, in: "Seeds") else {
                throw ImportRefusal.unreadable(file: entry.file, reason: "named in the manifest but not embedded")
            }
            prepared.append(
                try await prepare(
                    name: entry.file, bytes: Array(data), vendor: nil, manifest: manifest,
                    registryAsOf: entry.asOf ?? CalendarDay.today()))
        }
        var guidance: [RetryGuidance] = []
        if let file = manifest.retryGuidance {
            guard let data = BundledFiles.data(file, in: "Seeds") else {
                throw ImportRefusal.unreadable(file: file, reason: "named in the manifest but not embedded")
            }
            guidance = try RetryGuidanceCSV.rows(String(decoding: data, as: UTF8.self), fileName: file)
        }
        return try await write(prepared, retryGuidance: guidance, options: ImportOptions(), actor: actor)
    }

    /// Reads, checks and parses one file from disk. The vendor comes from `vendor`, else from a
    /// `manifest.json` beside the file, else from the bundled seed manifest.
    public func prepare(path: String, vendor: String?, registryAsOf: String? = nil) async throws -> PreparedDocument {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let bytes = try Self.read(url)
        let manifest =
            try SeedManifest.load(inFolder: url.deletingLastPathComponent()) ?? SeedManifest.bundled()
        return try await prepare(
            name: name, bytes: bytes, vendor: vendor, manifest: manifest, registryAsOf: registryAsOf ?? CalendarDay.today())
    }

    public func prepare(
        name: String, bytes: [UInt8], vendor: String?, manifest: SeedManifest?, registryAsOf: String? = nil
    ) async throws -> PreparedDocument {
        let (source, parsed) = try await ParsingThread.parse(name: name, bytes: bytes, registryAsOf: registryAsOf)
        guard !parsed.entries.isEmpty else { throw ImportRefusal.noEntries(file: name) }
        let resolvedVendor = try await resolveVendor(slug: vendor, file: name, manifest: manifest)
        let document = DocumentImport(
            fileName: name, vendor: resolvedVendor, title: parsed.title, sha256: Checksum.sha256(bytes),
            lineCount: source.lines.count, text: source.lines.map(\.text).joined(separator: "\n"),
            entries: parsed.entries.map { ImportedEntry(code: $0.code, kind: $0.kind, content: $0.content, lines: $0.lines) },
            registry: parsed.registry)
        return PreparedDocument(document: document, parsed: parsed)
    }

    public func write(
        _ prepared: [PreparedDocument], retryGuidance: [RetryGuidance] = [], options: ImportOptions, actor: String
    ) async throws -> [ImportReport] {
        let outcomes = try await knowledgeBase.importDocuments(
            prepared.map(\.document), retryGuidance: retryGuidance, options: options, actor: actor)
        return zip(prepared, outcomes).map { item, outcome in
            ImportReport(
                file: item.document.fileName, vendor: item.document.vendor.slug, dryRun: options.dryRun,
                entriesFound: item.parsed.entries.count, format: item.parsed.format.rawValue,
                layouts: item.parsed.layouts.map(\.rawValue), sections: item.parsed.sections, tables: item.parsed.tables, outcome: outcome,
                unplaced: item.parsed.unplaced)
        }
    }

    private func resolveVendor(slug: String?, file: String, manifest: SeedManifest?) async throws -> Vendor {
        guard let slug else {
            guard let vendor = manifest?.vendor(forFile: file) else { throw ImportRefusal.unknownVendor(file: file) }
            return vendor
        }
        guard Vendor.isValidSlug(slug) else {
            throw KnowledgeBaseError.invalid(
                field: "vendor", reason: "'\(slug)' must be lowercase letters, digits and hyphens")
        }
        if let existing = try await knowledgeBase.vendor(slug) { return existing.vendor }
        // An unknown slug becomes a new vendor; the manifest may know its proper name.
        return manifest?.vendor(slug: slug) ?? Vendor(slug: slug, name: slug, kind: .vendor)
    }

    private static func read(_ url: URL) throws -> [UInt8] {
        try LocalFile.read(url.path, limit: SourceText.maximumBytes)
    }
}
