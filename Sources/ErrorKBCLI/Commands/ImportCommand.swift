import ArgumentParser
import ErrorKBCore
import ErrorKBImport
import ErrorKBStore
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import vendor documentation pages.",
        discussion: """
            All files are one batch: if any is refused, nothing is written. A file from Seeds/ \
            needs no --vendor: the manifest beside it names its vendor. An unknown vendor slug \
            is created. Re-importing an unchanged file changes nothing; a new version updates \
            its variants and removes those it no longer has. Variants an admin edited are kept \
            and reported as conflicts unless --overwrite.

            A CSV whose header is an IANA registry's (http-status-codes-1.csv, \
            extensions-error.csv) or the OAuth prescribed-status table's is read as that \
            registry: every row is kept verbatim, with --as-of as the day the copy was taken \
            (default: today). A malformed row (a missing column, a duplicate value, a bad range) \
            is refused with its line number.

            With --format json, restores an `errorkb export` into an empty knowledge base.

            Examples:
              errorkb import Seeds/000_a66a2b6a826d23c4.txt
              errorkb import --vendor stripe --dry-run stripe-errors.md
              errorkb import --format json --db restored.sqlite kb.json
              errorkb import --vendor iana --as-of 2026-12-01 http-status-codes-1.csv
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// Documentation pages.
        case page
        /// An `errorkb export`.
        case json
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "The vendor slug the documents belong to (lowercase letters, digits, hyphens).")
    var vendor: String?

    @Flag(help: "Report what would change; write nothing.")
    var dryRun = false

    @Flag(help: "Replace variants an admin has edited instead of keeping the edits.")
    var overwrite = false

    @Option(help: "For a registry CSV: the day (yyyy-mm-dd) the copy was taken from its publisher; default today.")
    var asOf: String?

    @Flag(help: "Print the reports as JSON.")
    var json = false

    @Option(help: "page: documentation pages; json: an errorkb export to restore.")
    var format: Format = .page

    @Argument(help: "The documents to import.")
    var files: [String]

    func validate() throws {
        if let asOf, !CalendarDay.isValid(asOf) { throw ValidationError("--as-of must be a day written yyyy-mm-dd, not \(asOf.quotedForMessage())") }
        if format == .json {
            guard files.count == 1 else { throw ValidationError("--format json restores exactly one export file") }
            guard vendor == nil, !dryRun, !overwrite else {
                throw ValidationError("--vendor, --dry-run and --overwrite apply to pages, not to --format json")
            }
        }
    }

    func run() async throws {
        let store = try global.openRepository()
        if format == .json {
            let export = try await Self.restore(files[0], into: store, actor: global.resolvedActor)
            print("restored \(export.codes.count) codes, \(export.codes.reduce(0) { $0 + $1.variants.count }) variants")
            return
        }
        let reports = try await DocumentImporter(knowledgeBase: store).importFiles(
            files, vendor: vendor, registryAsOf: asOf, options: ImportOptions(dryRun: dryRun, overwrite: overwrite),
            actor: global.resolvedActor)
        if json {
            try JSONOutput.print(reports)
        } else {
            ImportReportPrinter(terminal: .current).print(reports)
        }
        // Merging is not done here: it rewrites the whole index, which for a small import
        // into a large knowledge base costs far more than the import.
        guard !dryRun, let segments = try await Self.crowdedSearchIndex(in: store) else { return }
        FileHandle.standardError.write(Data(
            "the search index has \(segments) segments; `errorkb optimize` merges them and makes searches faster\n".utf8))
    }

    /// Restores an `errorkb export` file into an empty knowledge base; returns what it held.
    static func restore(_ file: String, into knowledgeBase: some KnowledgeBaseCuration, actor: String) async throws
        -> KnowledgeBaseExport
    {
        let export = try ExportFile.read(file)
        try await knowledgeBase.restore(export, actor: actor)
        return export
    }

    /// How many segments the search index has, when they are enough to slow searches down.
    static func crowdedSearchIndex(in store: KnowledgeBaseStore) async throws -> Int? {
        let segments = try await store.searchIndexSegments()
        return segments > segmentsWorthMerging ? segments : nil
    }

    /// Above this many segments searches are measurably slower (BENCHMARKS.md: 8 against 1
    /// made the 100k bench's search p99 1.6 times as long).
    static let segmentsWorthMerging = 4
}
