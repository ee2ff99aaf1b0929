import ErrorKBCore

/// Finds the entries of a page in its blocks, whatever markup they came from: headings that
/// name codes and the blocks under them, tables, definition lists, list items, paragraphs that
/// open with a code, and codes shown only in an example under a heading that names them. It
/// walks the blocks once, keeping the section context every entry takes its section and
/// status from. Nothing here knows any particular page.
struct EntryFinder {
    private(set) var entries: [ParsedEntry] = []
    /// Table rows that named no code, for the import report.
    private(set) var rowsWithoutCode: [LineRange] = []
    /// Examples a code was read from (and so part of its entry).
    private(set) var examplesRead: [LineRange] = []
    /// The layouts entries were found in, in the order first met.
    private(set) var layouts: [Layout] = []
    /// How each table was read, for the import report.
    var tables: [TableReading] = []
    var context: SectionContext
    /// With no heading at all (plain text saved as `.md`), a short title-shaped paragraph is one.
    let pageHasHeadings: Bool

    init(_ model: DocumentModel) {
        context = SectionContext(documentTitle: model.title)
        pageHasHeadings = model.blocks.contains { if case .heading = $0 { true } else { false } }
        walk(model.blocks)
    }

    mutating func walk(_ blocks: [Block]) {
        let codeSiblings = Self.headingsAmongCodes(blocks)
        let phraseSiblings = PhraseCodes.headings(among: blocks)
        var index = 0
        while index < blocks.count {
            switch blocks[index] {
            case .heading(let heading):
                index = readHeading(heading, in: blocks, at: index, amongCodes: codeSiblings.contains(index), amongPhrases: phraseSiblings.contains(index))
            case .paragraph(let paragraph):
                index = readParagraph(paragraph, in: blocks, at: index)
            case .table(let table):
                read(table)
                index += 1
            case .definitions(let definitions):
                // `0.00  Indicates an Empty message` over `0.01-0.31 Indicates a request.`: a value
                // in a list of ranges, read apart only because its gap is wider.
                if Self.rangesFollow(blocks[(index + 1)...]) {
                    context.prose(Block.text(of: [blocks[index]]))
                } else {
                    read(definitions)
                }
                index += 1
            case .list(let list):
                read(list)
                index += 1
            case .note(let note):
                context.prose(Block.text(of: note.blocks))
                index += 1
            case .code(let code):
                if let mention = Self.codeTerm(code) {
                    index = readCodeTerm(mention, code: code, in: blocks, at: index)
                } else {
                    read(code)
                    index += 1
                }
            }
        }
    }

    // MARK: Headings

    private mutating func readHeading(_ heading: Heading, in blocks: [Block], at index: Int, amongCodes: Bool, amongPhrases: Bool) -> Int {
        let sectionEnd = Self.end(of: heading, in: blocks, from: index + 1)
        let body = Array(blocks[(index + 1)..<sectionEnd])
        let phrase = amongPhrases && context.isAboutCodes(below: heading.level) ? PhraseCodes.leading(heading.text, amongPhrases: true) : nil
        if let mention = phrase ?? headingMention(heading, amongCodes: amongCodes) {
            // `# CURLMcode` over `## CURLM_BAD_HANDLE (1)` ...: the type, a heading over codes.
            let subheadingsNameCodes = body.filter { block in
                if case .heading(let inner) = block { return inner.level > heading.level && headingMention(inner) != nil }
                return false
            }.count >= 2
            if subheadingsNameCodes {
                context.enter(heading)
                return index + 1
            }
            if let status = groupStatus(mention, over: body) {
                context.enter(heading)
                context.setGroupStatus(status)
                return index + 1
            }
            context.close(to: heading)
            // The code's body stops at a heading that names another code.
            let bodyEnd = body.firstIndex { block in
                if case .heading(let inner) = block { return headingMention(inner) != nil }
                return false
            } ?? body.count
            emit(mention.codes, title: Self.headingTitle(mention), body: EntryBody(Array(body[..<bodyEnd])), layout: .headings,
                lines: LineRange.covering([blocks[index]] + body[..<bodyEnd]) ?? heading.lines)
            return index + 1 + bodyEnd
        }
        // The heading's own blocks, before any heading under it; else its whole section, when the
        // code is named in a `Description` under it.
        let own = Array(body.prefix { if case .heading = $0 { false } else { true } })
        if own.isEmpty, body.contains(where: { if case .heading = $0 { true } else { false } }),
            let code = ExampleCodes.named(by: heading.text, in: body), ErrorCode.isValid(code)
        {
            context.close(to: heading)
            emit([code], title: InlineText.flat(heading.text), body: EntryBody(body), layout: .examples,
                lines: LineRange.covering([blocks[index]] + body) ?? heading.lines)
            return index + 1 + body.count
        }
        if let code = ExampleCodes.named(by: heading.text, in: own) {
            examplesRead += own.compactMap { if case .code(let example) = $0 { example.lines } else { nil } }
            context.close(to: heading)
            emit([code], title: InlineText.flat(heading.text), body: EntryBody(own), layout: .examples,
                lines: LineRange.covering([blocks[index]] + own) ?? heading.lines)
            return index + 1 + own.count
        }
        context.enter(heading)
        return index + 1
    }

    /// The next paragraphs each open with a range of values (`1.00-1.31 Reserved`).
    static func rangesFollow(_ blocks: ArraySlice<Block>) -> Bool {
        let paragraphs = blocks.prefix(3).prefix { if case .paragraph = $0 { true } else { false } }
        return paragraphs.count >= 2 && paragraphs.allSatisfy { block in
            guard case .paragraph(let paragraph) = block else { return false }
            return CodeMention.isRange(paragraph.text.split(separator: " ").first.map(String.init) ?? "")
        }
    }

    /// The blocks under a heading: up to the next heading as deep or deeper.
    static func end(of heading: Heading, in blocks: [Block], from start: Int) -> Int {
        blocks[start...].firstIndex { block in
            if case .heading(let next) = block { return next.level <= heading.level }
            return false
        } ?? blocks.count
    }

    /// `amongCodes`: most headings beside it name codes, so a plain word standing alone or
    /// before a separator (`## Conflict` among `## BadRequest`, `## AuthorizationFailed`) does too.
    private func headingMention(_ heading: Heading, amongCodes: Bool = false) -> CodeMention? {
        let place = CodeMention.Place.lead(codeSection: context.isAboutCodes(below: heading.level))
        guard let mention = CodeMention.leading(heading.text, in: place)
            ?? (amongCodes ? CodeMention.leading(heading.text, in: .column(named: true)).flatMap { $0.fullRest.isEmpty || $0.separated ? $0 : nil } : nil)
        else { return nil }
        // In a section about codes a number is one, a title after it or not (`## 1000 DNS points
        // to prohibited IP`).
        // Among headings of codes, a lower-case name after one is its title (`## 306 unused`).
        if amongCodes, !mention.inSpan, Self.namesWithTitle(mention), LeadText.isLowercaseName(mention.fullRest) { return mention }
        return Self.acceptsHeading(mention, numbersAreCodes: context.isAboutCodes(below: heading.level)) ? mention : nil
    }

    /// Codes that, where codes are expected, go with a title after them: numbers (`1000 DNS
    /// points to prohibited IP`) and names in capitals (`EACCES Permission denied`), though not
    /// a capitals word naming a kind of error (`CORS errors`) nor a heading set all in capitals
    /// (`RETURN VALUES`).
    static func namesWithTitle(_ mention: CodeMention) -> Bool {
        mention.codes.allSatisfy { code in
            CodeMention.isNumber(code) || CodeMention.isDottedNumber(code)
                || code.count >= 2 && code.first?.isLetter == true && code.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
                    && mention.rest.contains(where: \.isLowercase)
                    && !mention.rest.split(separator: " ").contains { Self.kindWords.contains($0.lowercased()) }
        }
    }

    private static let kindWords: Set<String> = ["error", "errors", "code", "codes", "status", "exception", "exceptions", "issues", "problems"]

    /// `404 errors and how to fix them` is about 404, not 404's own section; `WebSocket Close
    /// Code Number Registry` names no code at all.
    private static func acceptsHeading(_ mention: CodeMention, numbersAreCodes: Bool = false) -> Bool {
        mention.fullRest.isEmpty || mention.inSpan || mention.separated
            || (mention.distinct || numbersAreCodes && Self.namesWithTitle(mention))
                && startsLikeTitle(mention.rest)
    }

    /// The headings whose siblings (the headings of their level between two shallower ones),
    /// three or more, mostly name codes: judged over the group, as a table's column is.
    static func headingsAmongCodes(_ blocks: [Block]) -> Set<Int> {
        let headings = blocks.indices.compactMap { index -> (Int, Heading)? in
            if case .heading(let heading) = blocks[index] { return (index, heading) }
            return nil
        }
        guard headings.count >= 3 else { return [] }
        var result = Set<Int>()
        // (index, names a code, is one lower-case token: `bad-request`, `gone`)
        var groups: [Int: [(Int, Bool, Bool)]] = [:]
        var featuredHeadings: [Int: Bool] = [:]
        func close(_ level: Int) {
            guard let group = groups[level] else { return }
            // XMPP's conditions (`bad-request`, `conflict`, `gone`): every heading one lower-case
            // name, most joined by hyphens or underscores.
            let tokens = group.filter(\.2).count
            let joined = group.filter { $0.2 && featuredHeadings[$0.0] == true }.count
            // (A group may mix headings that name codes strictly, `400: Bad Request`, with tokens.)
            let covered = group.filter { $0.1 || $0.2 }.count
            if group.count >= 3 && group.filter(\.1).count * 2 >= group.count
                || group.count >= 5 && covered == group.count && tokens * 2 >= group.count && joined * 10 >= tokens * 7
            {
                result.formUnion(group.map(\.0))
            }
            groups[level] = nil
        }
        for (index, heading) in headings {
            for level in groups.keys where level > heading.level { close(level) }
            let names = CodeMention.leading(heading.text, in: .lead(codeSection: true)).map { acceptsHeading($0) } ?? false
            let text = InlineText.flat(heading.text)
            // One token with a code's features: digits, `_`, `-`, a capital inside (`accessDenied`),
            // capitals only (`CANCELLED`); or a lower-case word among them (`gone`).
            let single = !text.isEmpty && !text.contains(" ") && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
            let featured = single && (text.contains(where: { $0.isNumber || $0 == "_" || $0 == "-" }) || text.dropFirst().contains(where: \.isUppercase)
                || text.count >= 2 && text.allSatisfy(\.isUppercase))
            groups[heading.level, default: []].append((index, names, single && (featured || text.allSatisfy(\.isLowercase))))
            featuredHeadings[index] = featured
        }
        for level in Array(groups.keys) { close(level) }
        return result
    }

    /// The title a code's heading gives: the span's own rest, or what follows the span or the
    /// code, a name in brackets unwrapped (`404 (Not Found)`).
    private static func headingTitle(_ mention: CodeMention) -> String? {
        var title = mention.inSpan ? (mention.rest.isEmpty ? CodeMention.dropSeparators(mention.afterSpan) : mention.rest) : mention.fullRest
        if title.hasPrefix("("), title.hasSuffix(")"), !title.dropFirst().contains("(") {
            title = String(title.dropFirst().dropLast()).trimmingWhitespace()
        }
        return title.isEmpty ? nil : title
    }

    static func startsLikeTitle(_ text: String) -> Bool {
        guard let first = text.first else { return true }
        return first.isUppercase || first.isNumber || "\"'(“".contains(first)
    }

    /// `HTTP 400 Bad Request` over a list of other codes: the status of the codes under it,
    /// not an entry of its own.
    private func groupStatus(_ mention: CodeMention, over body: [Block]) -> Int? {
        guard mention.codes.count == 1, let status = HTTPStatus(code: mention.codes[0]) else { return nil }
        // `### HTTP status code 400` over paragraphs that each open with an exception's name.
        let codeParagraphs = body.prefix { if case .heading = $0 { false } else { true } }.filter { block in
            guard case .paragraph(let paragraph) = block, let line = InlineText.lines(paragraph.text).first else { return false }
            return CodeMention.leading(line, in: .lead(codeSection: true)).map { $0.rest.isEmpty && $0.codes.allSatisfy { HTTPStatus(code: $0) == nil } } ?? false
        }
        if codeParagraphs.count >= 2 { return status.value }
        for block in body {
            switch block {
            case .paragraph:
                continue
            case .definitions(let list):
                return list.items.contains { CodeMention.leading($0.term, in: .lead(codeSection: true)).map { $0.codes.allSatisfy { HTTPStatus(code: $0) == nil } } ?? false } ? status.value : nil
            case .table(let table):
                return TableEntries(table) != nil ? status.value : nil
            case .list(let list):
                let named = list.items.filter { item in
                    guard case .paragraph(let first)? = item.blocks.first, let line = InlineText.lines(first.text).first else { return false }
                    return CodeMention.leading(line, in: .lead(codeSection: true)).map { $0.codes.allSatisfy { HTTPStatus(code: $0) == nil } } ?? false
                }
                return named.count * 2 > list.items.count ? status.value : nil
            default:
                return nil
            }
        }
        return nil
    }

    // MARK: Paragraphs

    private mutating func readParagraph(_ paragraph: Paragraph, in blocks: [Block], at index: Int) -> Int {
        let lines = InlineText.lines(paragraph.text)
        guard let firstLine = lines.first else { return index + 1 }
        if let mention = leadMention(firstLine), !Self.isLegend(paragraph.text) {
            let following = Array(blocks[(index + 1)...])
            if lines.count == 1, let status = groupStatus(mention, over: Array(following.prefix(1))) {
                context.setGroupStatus(status)
                return index + 1
            }
            if let end = readCodeLines(lines, paragraph: paragraph) { return index + end }
            // The code's body: the paragraph's other lines and what follows, up to the next
            // heading, table or paragraph that names a code.
            let bodyEnd = following.firstIndex { block in
                switch block {
                case .heading, .table: return true
                case .paragraph(let next): return InlineText.lines(next.text).first.flatMap(leadMention) != nil
                case .definitions(let list): return list.items.contains { leadMention($0.term) != nil }
                default: return false
                }
            } ?? following.count
            let bodyBlocks = Array(following[..<bodyEnd])
            let (title, description) = Self.titleAndDescription(mention)
            if title != nil || description != nil || lines.count > 1 || !bodyBlocks.isEmpty {
                var bodyLines = Array(lines.dropFirst())
                if let description { bodyLines.insert(description, at: 0) }
                emit(mention.codes, title: title, body: EntryBody(lines: bodyLines, blocks: bodyBlocks), layout: .paragraphs,
                    lines: LineRange.covering([blocks[index]] + bodyBlocks) ?? paragraph.lines)
                return index + 1 + bodyEnd
            }
        }
        let text = InlineText.flat(paragraph.text)
        if !lines.isEmpty, lines.count == 1, isWeakHeading(paragraph.text) {
            // Bold lines nest under the heading they stand in; on a page of plain lines they are siblings.
            context.enter(Heading(level: pageHasHeadings ? context.headingLevel + 1 : 1, text: text, lines: paragraph.lines))
            return index + 1
        }
        context.prose(paragraph.text)
        return index + 1
    }

    /// `PJ = Print-Job, PU = Print-URI, ...`: the key to a table's abbreviations, two or
    /// more, the first opening the paragraph; its capitals name columns, not codes.
    static func isLegend(_ text: String) -> Bool {
        let words = InlineText.flat(text).split(separator: " ")
        guard words.count >= 3, words[1] == "=" else { return false }
        let keys = words.indices.dropLast().filter { index in
            words[index + 1] == "=" && String(words[index]).trimmingCharacters(in: ",;").allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
        }
        return keys.count >= 2 && keys.first == 0
    }

    /// `**Error codes**` alone on a line, or, on a page with no headings, a title-shaped line.
    private func isWeakHeading(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("**"), trimmed.hasSuffix("**"), trimmed.count > 4, !trimmed.dropFirst(2).dropLast(2).containsBytes("**") {
            return ItemLabel.named(trimmed) == nil && !trimmed.hasSuffix(":**")
        }
        return !pageHasHeadings && LineShape.heading(InlineText.flat(trimmed)) != nil
    }

    /// Lines that each open with a code: `M_FORBIDDEN: Forbidden access.` / `M_UNKNOWN_TOKEN: ...`,
    /// a line of text (and its continuation lines) an entry each. Returns 1 when it read them.
    private mutating func readCodeLines(_ lines: [String], paragraph: Paragraph) -> Int? {
        let leads = lines.map { line -> CodeMention? in
            guard let mention = leadMention(line), !mention.fullRest.isEmpty else { return nil }
            return mention
        }
        guard lines.count >= 2, leads.compactMap({ $0 }).count >= 2, leads[0] != nil else { return nil }
        var index = 0
        while index < lines.count {
            guard let mention = leads[index] else {
                index += 1
                continue
            }
            var continuation: [String] = []
            var next = index + 1
            while next < lines.count, leads[next] == nil {
                continuation.append(lines[next])
                next += 1
            }
            let (title, description) = Self.titleAndDescription(mention)
            emit(mention.codes, title: title, body: EntryBody(lines: (description.map { [$0] } ?? []) + continuation, blocks: []),
                layout: .paragraphs,
                lines: Self.lines(index..<next, of: paragraph))
            index = next
        }
        return 1
    }

    private static func lines(_ range: Range<Int>, of paragraph: Paragraph) -> LineRange {
        let start = min(paragraph.lines.start + range.lowerBound, paragraph.lines.end)
        return LineRange(start: start, end: min(paragraph.lines.start + range.upperBound - 1, paragraph.lines.end))
    }

    /// A code opening a line that introduces it — `401 Unauthorized`, `invalid_token`,
    /// `` `M_FORBIDDEN`: Forbidden access `` — not one in a sentence ("404 errors are ours").
    func leadMention(_ line: String) -> CodeMention? {
        guard let mention = CodeMention.leading(line, in: .lead(codeSection: context.isAboutCodes)) ?? CodeMention.trailingStatus(line)
        else { return nil }
        guard !Parameters.isParameter(mention) else { return nil }
        // `DryRun - Validate parameter values` under "Request Parameters": a value, not a code.
        guard mention.distinct || !context.listsNonErrors else { return nil }
        // `success (0),` / `compareFalse (5),` / `referral (10), and`: codes enumerated in a
        // sentence, one a line.
        let trimmed = line.trimmingWhitespace()
        if mention.fullRest.isEmpty || mention.fullRest == "and" || mention.fullRest == "or",
            trimmed.hasSuffix(",") || trimmed.hasSuffix(" and") || trimmed.hasSuffix(" or")
        {
            return nil
        }
        // A separator right after the code (or its span), or a title-shaped rest: not a sentence
        // that merely opens with a code ("`errcode` is required and ...").
        if mention.inSpan {
            // After a span, a sentence of its own describes the code; one in lower case goes on
            // from it.
            guard mention.separated || Self.startsLikeTitle(mention.afterSpan) else { return nil }
            return mention
        }
        let numbers = context.isAboutCodes && Self.namesWithTitle(mention)
        guard mention.rest.isEmpty || mention.separated || (mention.distinct || numbers) && LeadText.split(mention.rest).title != nil else { return nil }
        return mention
    }

    /// The title and description a code's own line gives it.
    static func titleAndDescription(_ mention: CodeMention, lowercaseNames: Bool = false) -> (String?, String?) {
        if mention.inSpan {
            let after = mention.afterSpan
            // `` `EACCES` (Permission denied): An attempt ... ``: the code's name in brackets.
            if mention.rest.isEmpty, let (name, rest) = Self.bracketedName(after) {
                return (name, rest.isEmpty ? nil : rest)
            }
            let description = CodeMention.dropSeparators(after)
            // `` `400`: Bad request — The request ... ``: the code alone in its span, then its line.
            if mention.rest.isEmpty, !description.isEmpty, !startsWithAnnotation(after) { return LeadText.split(description, lowercaseNames: lowercaseNames) }
            return (mention.rest.isEmpty ? nil : mention.rest, description.isEmpty || startsWithAnnotation(after) ? nil : description)
        }
        return LeadText.split(mention.rest, lowercaseNames: lowercaseNames)
    }

    /// `(Permission denied): An attempt ...` → (`Permission denied`, `An attempt ...`): a name in
    /// brackets right after a code, before a separator or the end.
    static func bracketedName(_ text: String) -> (String, String)? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix("("), let close = trimmed.firstIndex(of: ")") else { return nil }
        let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingWhitespace()
        let after = trimmed[trimmed.index(after: close)...].trimmingWhitespace()
        guard !name.isEmpty, LeadText.isTitle(name), after.isEmpty || after.first.map({ ":-—–".contains($0) }) == true else { return nil }
        return (name, CodeMention.dropSeparators(after))
    }

    /// `(WebDAV)`, `{{deprecated_inline}}`-left spaces: a note on the term, not its description.
    private static func startsWithAnnotation(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        return trimmed.hasPrefix("(") && trimmed.hasSuffix(")")
    }

    // MARK: Emitting

    /// `endsBlock`: the entry is its block's last; an item of a list is not, so the list's
    /// introduction stays what places the items after it.
    mutating func emit(
        _ codes: [String], title: String?, body: EntryBody, layout: Layout, lines: LineRange, status: Int? = nil, endsBlock: Bool = true
    ) {
        if !layouts.contains(layout) { layouts.append(layout) }
        for code in codes {
            let isString = HTTPStatus(code: code) == nil
            var draft = EntryDraft(code: code, title: title ?? body.labelledTitle, lines: lines)
            draft.description = body.description
            draft.causes = body.causes
            draft.fixes = body.fixes
            draft.httpStatus = isString ? (status ?? body.statedStatus ?? context.statedStatus) : nil
            draft.section = context.section(forStringCode: isString)
            draft.inOAuthContext = context.mentionsOAuth
            if let entry = EntryBuilder.build(draft) { entries.append(entry) }
        }
        if endsBlock { context.entryBlockRead() }
    }

    /// `<pre>  PCRE2_ERROR_NOMATCH</pre>` over the text that explains it: a code set alone as
    /// code, a term of its own. Only a shape no word has, so an example command is none.
    static func codeTerm(_ code: CodeBlock) -> CodeMention? {
        let text = code.text.trimmingWhitespace()
        guard !text.isEmpty, !text.containsBytes("\n"), text.utf8.count <= CodeMention.longestCode,
            let mention = CodeMention.leading(text, in: .lead(codeSection: true)), mention.fullRest.isEmpty, mention.distinct
        else { return nil }
        return mention
    }

    /// A code set alone as code and the blocks after it, up to the next such code or heading.
    private mutating func readCodeTerm(_ mention: CodeMention, code: CodeBlock, in blocks: [Block], at index: Int) -> Int {
        let following = blocks[(index + 1)...]
        let end = following.firstIndex { block in
            switch block {
            case .heading: return true
            case .code(let next): return Self.codeTerm(next) != nil
            default: return false
            }
        } ?? blocks.count
        let body = Array(blocks[(index + 1)..<end])
        guard !body.isEmpty else {
            read(code)
            return index + 1
        }
        examplesRead.append(code.lines)
        emit(mention.codes, title: nil, body: EntryBody(body), layout: .definitions, lines: LineRange.covering([blocks[index]] + body) ?? code.lines)
        return end
    }

    /// Constants in program source (`NOT_FOUND = 5;`), each with the comment that says what it means.
    private mutating func read(_ code: CodeBlock) {
        guard let constants = ConstantDeclarations(code, sectionIsAboutCodes: context.isAboutCodes) else { return }
        let namesAreCodes = constants.namesAreCodes
        for declaration in constants.declarations {
            let comment = declaration.comment.isEmpty ? "`\(declaration.source)`" : declaration.comment.joined(separator: "\n")
            let body = EntryBody(lines: InlineText.lines(comment), blocks: [])
            let lines = LineRange(start: min(declaration.commentStart, declaration.line), end: declaration.line)
            emit([namesAreCodes ? declaration.name : declaration.value], title: namesAreCodes ? nil : declaration.statedTitle ?? declaration.name, body: body,
                layout: .constants, lines: lines)
        }
        examplesRead.append(code.lines)
    }

    private mutating func read(_ table: Table) {
        // A table in a section that lists no errors is weighed only under a heading about codes.
        guard !context.listsNonErrors || context.isAboutCodes, let reader = TableEntries(table, inCodeSection: context.isAboutCodes),
            !context.listsNonErrors || reader.listsOnlyCodes
        else {
            rowsWithoutCode += table.rows.map(\.lines)
            let why = context.listsNonErrors ? "its section lists no errors" : TableEntries.setAside(table)
            tables.append(TableReading(lines: table.lines, columns: [], setAside: why, entries: 0))
            return
        }
        let (found, unplaced) = reader.entries(in: context)
        tables.append(reader.columns.reading(of: table, entries: found.count))
        entries += found
        if !found.isEmpty, !layouts.contains(.tables) { layouts.append(.tables) }
        rowsWithoutCode += unplaced.map(\.lines)
        if !found.isEmpty { context.entryBlockRead() }
    }
}
