import ErrorKBCore

/// What importing one file did, or would do on a dry run: the repository's outcome and every
/// line the parser could not place.
public struct ImportReport: Codable, Sendable, Hashable {
    public var file: String
    public var vendor: String
    public var dryRun: Bool
    public var entriesFound: Int
    /// The markup the file was read as (`markdown`, `html`, `rst`, `asciidoc`, `yaml`, `text`).
    public var format: String
    /// Where entries were found: `tables`, `headings`, `definition lists`, ...
    public var layouts: [String]
    /// The entries by section, in page order.
    public var sections: [SectionCount]
    /// How each table was read: the column taken as each role and why, or why it was set aside.
    public var tables: [TableReading] = []
    public var outcome: DocumentImportOutcome
    public var unplaced: [UnplacedLine]

    /// `000_a66a2b6a826d23c4.txt (akana): 25 added, 0 changed, 0 unchanged, 0 removed`
    public var summary: String {
        var parts = [
            "\(outcome.added.count) added", "\(outcome.changed.count) changed",
            "\(outcome.unchanged.count) unchanged", "\(outcome.removed.count) removed",
        ]
        if !outcome.conflicts.isEmpty { parts.append("\(outcome.conflicts.count) conflicts kept") }
        if !outcome.overwritten.isEmpty { parts.append("\(outcome.overwritten.count) edits overwritten") }
        parts.append("\(unplaced.count) lines not placed")
        let verdict = outcome.changesAnything ? "" : " (nothing to change)"
        return "\(file) (\(vendor))\(dryRun ? " [dry run]" : ""): " + parts.joined(separator: ", ") + verdict
    }
}
