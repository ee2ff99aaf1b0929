import ArgumentParser
import ErrorKBCore

struct OptimizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Merge the search index into one segment, which makes searches faster.",
        discussion: """
            Every write (an import, an edit) adds segments to the search index and SQLite \
            merges only some of them; each one left makes every search a little slower. Run \
            this after large imports (`errorkb import` says when it is worth it). It rewrites \
            the index, about 0.4 s per 100,000 variants, in one transaction; the server keeps \
            answering meanwhile. It changes no entry and records no revision.

            Example:
              errorkb optimize --db /var/lib/errorkb/kb.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await global.openRepository().optimizeSearchIndex()
        let seconds = (clock.now - start).components
        let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18
        func segments(_ count: Int) -> String { count == 1 ? "1 segment" : "\(count) segments" }
        print("search index: \(segments(result.segmentsBefore)) → \(result.segmentsAfter) in \(String(format: "%.2f", elapsed)) s")
    }
}
