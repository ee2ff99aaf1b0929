import ErrorKBCore
import Synchronization

/// The facets of a reading store's last few filters, each kept with the change version read
/// before it was counted, so it is never given out after a commit.
///
/// Why: facets count every variant of the codes a filter matches (1.9 s unfiltered at 1M
/// variants, BENCHMARKS.md session 13), but depend on the filter alone, not on the page. Each
/// `limit` and `cursor` is a URL of its own to the response cache, so without this every page
/// of a listing counted the whole knowledge base again, and one client could keep the CPU busy
/// by asking for `?limit=1`, `?limit=2`, ... (issue 27, finding 3).
final class FacetMemo: Sendable {
    /// Enough for the filters a server's pages and listings ask about at once; past it the
    /// memo starts again (a miss costs one count, as it did without the memo).
    static let capacity = 32

    private let entries = Mutex<[CodeFilter: (version: Int64, facets: Facets)]>([:])

    /// The facets of `filter` counted at `version`, if those are kept.
    func facets(of filter: CodeFilter, at version: Int64) -> Facets? {
        entries.withLock { entries in
            guard let entry = entries[filter], entry.version == version else { return nil }
            return entry.facets
        }
    }

    func keep(_ facets: Facets, of filter: CodeFilter, countedAt version: Int64) {
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[filter] == nil { entries.removeAll(keepingCapacity: true) }
            entries[filter] = (version, facets)
        }
    }
}
