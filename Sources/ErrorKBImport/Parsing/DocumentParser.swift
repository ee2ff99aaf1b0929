import ErrorKBCore
import Foundation

/// Finds the entries of a documentation page, whatever its layout: it walks the lines once and
/// at each offers the layout readers a chance to read a block, keeping track of the headings
/// that name the sections entries stand under. Nothing here knows any particular page.
public enum DocumentParser {
    public static func parse(_ source: SourceText) -> ParsedDocument {
        let lines = HTMLFlattener.looksLikeHTML(source.lines) ? HTMLFlattener.flatten(source.lines) : source.lines
        var state = SectionState()
        var entries: [ParsedEntry] = []
        var unplaced: [UnplacedLine] = []
        var inFence = false
        var index = 0

        scan: while index < lines.count {
            let line = lines[index]
            let text = line.trimmed
            if line.isBlank {
                index += 1
                continue
            }
            // Fenced code holds examples (`HTTP/1.1 404 Not Found`), never entries.
            if text.hasPrefix("```") || text.hasPrefix("~~~") || inFence {
                if text.hasPrefix("```") || text.hasPrefix("~~~") { inFence.toggle() }
                unplaced.append(UnplacedLine(number: line.number, text: line.text, reason: .prose))
                index += 1
                continue
            }
            if PageChrome.isChrome(text) {
                unplaced.append(UnplacedLine(number: line.number, text: line.text, reason: .chrome))
                index += 1
                continue
            }
            for reader in readers {
                if let block = reader(lines, index, state.sectionForNextBlock()) {
                    entries += block.entries
                    unplaced += block.unplaced
                    state.blockRead()
                    index = max(block.end, index + 1)
                    continue scan
                }
            }
            if let heading = LineShape.heading(text) {
                if let unused = state.enter(heading: heading, line: line) { unplaced.append(unused) }
            } else {
                state.prose(text)
                unplaced.append(UnplacedLine(number: line.number, text: line.text, reason: .prose))
            }
            index += 1
        }
        if let unused = state.finish() { unplaced.append(unused) }

        // A document whose every entry stands under its own title has no sections of its own.
        if let title = state.title, entries.allSatisfy({ $0.section == nil || $0.section == title }) {
            for position in entries.indices { entries[position].section = nil }
        }
        return ParsedDocument(
            title: state.title, entries: entries, unplaced: unplaced.sorted { $0.number < $1.number })
    }

    private typealias Reader = @Sendable ([SourceLine], Int, String?) -> LayoutBlock?

    /// Tried in this order at each line: the most explicit layout first.
    private static let readers: [Reader] = [
        PipeTableReader.read(_:at:section:),
        BorderlessTableReader.read(_:at:section:),
        DefinitionListReader.read(_:at:section:),
    ]
}

/// The headings seen so far, and the section the next block of entries stands under.
private struct SectionState {
    /// The document's first heading.
    private(set) var title: String?
    private var heading: String?
    private var headingLine: SourceLine?
    private var headingIsTitle = false
    private var blocksUnderHeading = 0
    /// Running text since the last heading or block: a second table under one heading is told
    /// apart by what its introduction says it is for.
    private var introduction: [String] = []

    func sectionForNextBlock() -> String? {
        if blocksUnderHeading > 0, let context = Self.context(of: introduction.joined(separator: " ")) {
            return context
        }
        return heading
    }

    mutating func blockRead() {
        blocksUnderHeading += 1
        introduction = []
    }

    mutating func prose(_ text: String) {
        introduction.append(text)
    }

    /// Enters a new heading; returns the previous one if no entry stood under it.
    mutating func enter(heading text: String, line: SourceLine) -> UnplacedLine? {
        let unused = finish()
        headingIsTitle = title == nil
        if title == nil { title = text }
        heading = text
        headingLine = line
        blocksUnderHeading = 0
        introduction = []
        return unused
    }

    /// The current heading if no entry stood under it. The title is placed even so: it names
    /// the document.
    func finish() -> UnplacedLine? {
        guard blocksUnderHeading == 0, !headingIsTitle, let headingLine else { return nil }
        return UnplacedLine(number: headingLine.number, text: headingLine.text, reason: .heading)
    }

    /// `The following errors may be returned when exchanging a code for an access token.` →
    /// `exchanging a code for an access token`.
    static func context(of introduction: String) -> String? {
        guard let sentence = SentenceSplitter.split(introduction).first else { return nil }
        for marker in [" when ", " while ", " during "] {
            guard let range = sentence.range(of: marker, options: .caseInsensitive) else { continue }
            var phrase = String(sentence[range.upperBound...]).trimmingWhitespace()
            while let last = phrase.last, ".:;,!".contains(last) { phrase.removeLast() }
            let words = phrase.split(separator: " ").count
            if (2...12).contains(words) { return phrase }
        }
        return nil
    }
}
