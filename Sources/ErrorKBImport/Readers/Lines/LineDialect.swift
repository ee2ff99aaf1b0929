import ErrorKBCore

/// A markup read by its lines — plain and RFC text, reStructuredText, AsciiDoc — as one
/// ordered choice of block rules over one loop, the way pandoc's readers are one `choice` of
/// block parsers over shared combinators: at each non-blank line the dialect's rules are tried
/// in order and the first that reads a block there wins; a line no rule takes begins the
/// dialect's paragraph. A dialect is the rules and the little state its markup needs (RST's
/// adornment styles, AsciiDoc's attributes); the loop, nesting and the shared rules (tables,
/// fenced code) are written once, in `LineRules`.
protocol LineDialect: SendableMetatype {
    /// Nesting deeper than this is read as one paragraph of the lines' text, so a hostile page
    /// costs no deep recursion.
    static var maximumDepth: Int { get }
    /// The rules, in the order they are tried.
    static var rules: [LineRule<Self>] { get }
    /// Source lines that are no part of the content, set aside as the rules meet them.
    var chrome: Set<Int> { get set }
    /// The text of one line of a paragraph, its inline markup as inline text (`InlineText`).
    func inlineText(_ line: SourceLine) -> String
    /// The paragraph (or other block) at a line no rule took; it must read at least that line.
    mutating func readParagraph(_ spot: LineSpot) -> BlockMatch
}

/// One kind of block a dialect knows, and how to read it at a line.
struct LineRule<Dialect: LineDialect>: Sendable {
    /// For the reader's own tree dump and for tests: which rule read a block.
    let name: String
    /// The block or blocks starting at `spot`, and the index of the first line after them; `nil`
    /// when no such block starts there.
    let read: @Sendable (inout Dialect, LineSpot) -> BlockMatch?
    /// A rule that ends a paragraph at a line where it would start a block (a list marker, a
    /// table border): the paragraph readers ask `interrupts` of each following line.
    let interrupts: (@Sendable (Dialect, LineSpot) -> Bool)?

    init(
        _ name: String, interrupts: (@Sendable (Dialect, LineSpot) -> Bool)? = nil,
        read: @escaping @Sendable (inout Dialect, LineSpot) -> BlockMatch?
    ) {
        self.name = name
        self.read = read
        self.interrupts = interrupts
    }
}

/// What a rule read: its blocks (none, for chrome or metadata), and where the next block starts.
struct BlockMatch {
    var blocks: [Block]
    /// The index, in the spot's lines, of the first line after the blocks.
    var end: Int
    /// The blocks are definitions that go on the list right before them, as one list: the
    /// dialects that meet a list's definitions one at a time (RST field lists, AsciiDoc `term::`).
    var continuesDefinitions = false

    init(_ blocks: [Block], end: Int, continuesDefinitions: Bool = false) {
        self.blocks = blocks
        self.end = end
        self.continuesDefinitions = continuesDefinitions
    }

    init(_ block: Block, end: Int, continuesDefinitions: Bool = false) {
        self.init([block], end: end, continuesDefinitions: continuesDefinitions)
    }
}

/// Where the loop stands: the lines being read, the line at hand, and what came just before it.
struct LineSpot {
    let lines: [SourceLine]
    let index: Int
    /// How deeply the lines are nested (a list item's body is one deeper than its list).
    let depth: Int
    /// The last block read at this depth, and the index of its first line.
    let previous: Block?
    let previousStart: Int?
    /// A blank line stands between the previous block and this line.
    let blankBefore: Bool

    var line: SourceLine { lines[index] }
    var text: String { lines[index].trimmed }

    /// The line `offset` lines on, if there is one.
    func line(_ offset: Int) -> SourceLine? {
        lines.indices.contains(index + offset) ? lines[index + offset] : nil
    }

    /// The same place, at another line: what the paragraph readers ask rules about.
    func at(_ other: Int) -> LineSpot {
        LineSpot(lines: lines, index: other, depth: depth, previous: previous, previousStart: previousStart, blankBefore: false)
    }

    /// The line right under running text: the previous block is a paragraph that ends on the
    /// line above.
    var followsParagraph: Bool {
        guard case .paragraph? = previous else { return false }
        return !blankBefore
    }
}

extension LineDialect {
    /// The blocks of `lines`: the one loop every line reader runs.
    mutating func parse(_ lines: [SourceLine], depth: Int) -> [Block] {
        var blocks: [Block] = []
        var index = 0
        var previousStart: Int?
        var blankBefore = false
        while index < lines.count {
            if lines[index].isBlank {
                blankBefore = true
                index += 1
                continue
            }
            if depth >= Self.maximumDepth {
                let rest = lines[index...].filter { !$0.isBlank }
                if let first = rest.first, let last = rest.last {
                    blocks.append(
                        .paragraph(
                            Paragraph(
                                text: rest.map(inlineText).joined(separator: "\n"),
                                lines: LineRange(start: first.number, end: last.number))))
                }
                break
            }
            var read = readBlock(LineSpot(
                lines: lines, index: index, depth: depth, previous: blocks.last, previousStart: previousStart,
                blankBefore: blankBefore))
            // A rule must move on, or the loop would stand still: at least the line at hand is read.
            read.end = max(read.end, index + 1)
            if read.continuesDefinitions, case .definitions(let list)? = read.blocks.first, read.blocks.count == 1 {
                blocks.appendDefinitions(list)
            } else {
                if !read.blocks.isEmpty { previousStart = index }
                blocks += read.blocks
            }
            blankBefore = false
            index = read.end
        }
        return blocks
    }

    /// The block the first rule that matches reads at `spot`, else a paragraph. Its own
    /// function so that `spot`, which holds the last block read, is gone before that block
    /// grows: held, a definition list would be copied at every definition added.
    private mutating func readBlock(_ spot: LineSpot) -> BlockMatch {
        for rule in Self.rules {
            if let found = rule.read(&self, spot) { return found }
        }
        return readParagraph(spot)
    }

    /// True when a rule that interrupts paragraphs would start a block at `spot`.
    func interrupts(_ spot: LineSpot) -> Bool {
        Self.rules.contains { $0.interrupts?(self, spot) == true }
    }

    /// A paragraph of the lines from `spot` on: to a blank line, a line less indented than its
    /// first (when that is indented), or a line where a rule would start a block.
    func paragraphEnd(from spot: LineSpot, sameIndentation: Bool = false) -> Int {
        let indentation = spot.line.indentation
        var end = spot.index + 1
        while end < spot.lines.count {
            let line = spot.lines[end]
            if line.isBlank || line.indentation < indentation && indentation > 0 { break }
            if sameIndentation, line.indentation != indentation { break }
            if interrupts(spot.at(end)) { break }
            end += 1
        }
        return end
    }

    /// One paragraph of `lines`, each line's inline text on a line of its own.
    func paragraph(of lines: ArraySlice<SourceLine>) -> Block {
        let first = lines.first?.number ?? 1
        return .paragraph(
            Paragraph(
                text: lines.map(inlineText).joined(separator: "\n"), lines: LineRange(start: first, end: lines.last?.number ?? first)))
    }
}

extension LineSpot {
    /// The index after the lines indented deeper than `indentation` that follow the line at
    /// hand, blank lines among them: a definition's body, a directive's content.
    func indentedEnd(deeperThan indentation: Int) -> Int {
        var end = index + 1
        var lastContent = index
        while end < lines.count {
            if lines[end].isBlank {
                end += 1
                continue
            }
            guard lines[end].indentation > indentation else { break }
            lastContent = end
            end += 1
        }
        return lastContent + 1
    }
}
