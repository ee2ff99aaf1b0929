import ErrorKBCore

/// Every non-blank line of a page that no entry came from, and why: page chrome, a heading no
/// entry stood under, a table row that named no code, or running text.
enum UnplacedLines {
    static func of(
        _ source: SourceText, model: DocumentModel, entries: [ParsedEntry], rowsWithoutCode: [LineRange],
        examplesRead: [LineRange]
    ) -> [UnplacedLine] {
        var placed = Set<Int>()
        for entry in entries { placed.formUnion(entry.lines.start...entry.lines.end) }
        if let titleLine = model.titleLine { placed.insert(titleLine) }
        var reasons: [Int: UnplacedLine.Reason] = [:]
        for range in rowsWithoutCode {
            for line in range.start...range.end { reasons[line] = .noCode }
        }
        markHeadings(model.blocks, in: &reasons)
        // An example inside an entry's lines is no part of it, unless the code was read from it.
        var examples = Set<Int>()
        collectExamples(model.blocks, into: &examples)
        for range in examplesRead { examples.subtract(range.start...range.end) }
        placed.subtract(examples)
        return source.lines.compactMap { line in
            guard !line.isBlank, !placed.contains(line.number) else { return nil }
            let reason = model.chrome.contains(line.number) ? .chrome : reasons[line.number] ?? .prose
            return UnplacedLine(number: line.number, text: line.text, reason: reason)
        }
    }

    private static func collectExamples(_ blocks: [Block], into lines: inout Set<Int>) {
        for block in blocks {
            switch block {
            case .code(let code): lines.formUnion(code.lines.start...code.lines.end)
            case .list(let list): for item in list.items { collectExamples(item.blocks, into: &lines) }
            case .definitions(let list): for item in list.items { collectExamples(item.blocks, into: &lines) }
            case .note(let note): collectExamples(note.blocks, into: &lines)
            default: break
            }
        }
    }

    private static func markHeadings(_ blocks: [Block], in reasons: inout [Int: UnplacedLine.Reason]) {
        for block in blocks {
            switch block {
            case .heading(let heading): reasons[heading.lines.start] = .heading
            case .list(let list): for item in list.items { markHeadings(item.blocks, in: &reasons) }
            case .definitions(let list): for item in list.items { markHeadings(item.blocks, in: &reasons) }
            case .note(let note): markHeadings(note.blocks, in: &reasons)
            default: break
            }
        }
    }
}
