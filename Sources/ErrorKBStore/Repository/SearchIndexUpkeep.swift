import ErrorKBCore
import GRDB

/// The search index through the repository's own writes.
///
/// The triggers of migration 0004 keep the index in step for any program that writes the
/// file, but a trigger sees one row: for each item of a variant it takes the whole variant out
/// of the index and puts it back, so an edit of a variant with 8,000 causes re-indexed it
/// 16,000 times (52 s, holding the write lock). Inside the repository's transactions the
/// triggers are lifted (other connections never see them gone; a rollback restores them) and
/// each variant the revision changed is re-indexed once per change, from the states the
/// revision recorder kept: an edit costs what it changes.
enum SearchIndexUpkeep {
    static func during<T>(_ db: Database, recorder: RevisionRecorder, _ body: () throws -> T) throws -> T {
        let triggers = try VariantStore.suspendSearchTriggers(db)
        let result = try body()
        // In recording order, so each removal names the text the index holds at that point,
        // even when one transaction changes a variant twice.
        for change in recorder.variantChanges {
            if let after = change.after {
                try VariantStore.indexForSearch(db, after, replacing: change.before)
            } else if let before = change.before {
                try VariantStore.unindexForSearch(db, before)
            }
        }
        try VariantStore.restoreSearchTriggers(db, triggers)
        return result
    }
}
