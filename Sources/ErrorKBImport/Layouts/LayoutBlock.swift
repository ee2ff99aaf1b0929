import ErrorKBCore

/// What one layout reader made of a run of lines.
struct LayoutBlock {
    var entries: [ParsedEntry] = []
    var unplaced: [UnplacedLine] = []
    /// The index of the first line after the block.
    var end: Int
    /// Section names the block itself declared (a table's section rows), in order.
    var declaredSections: [String] = []
}
