/// Which migrations a database has, and which it lacks.
public struct MigrationStatus: Sendable, Hashable {
    public var applied: [String]
    public var pending: [String]

    public init(applied: [String], pending: [String]) {
        self.applied = applied
        self.pending = pending
    }

    /// The number of the last applied migration, `0` for an empty database.
    public var version: Int { applied.count }
}

/// What merging the search index did.
public struct SearchIndexOptimization: Sendable, Equatable {
    /// The index's segments before and after: each is searched on its own, so a search costs
    /// more the more there are.
    public var segmentsBefore: Int
    public var segmentsAfter: Int

    public init(segmentsBefore: Int, segmentsAfter: Int) {
        self.segmentsBefore = segmentsBefore
        self.segmentsAfter = segmentsAfter
    }
}
