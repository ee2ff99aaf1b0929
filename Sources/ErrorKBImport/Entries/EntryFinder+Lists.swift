import ErrorKBCore

extension EntryFinder {
    /// Definitions: a term that names a code is an entry with its definition as body. A term
    /// that is a parameter (`error` / `REQUIRED. A single ASCII error code from the following:`)
    /// or a status over other codes (`HTTP 400 Bad Request`) holds the codes in its definition.
    mutating func read(_ definitions: DefinitionList) {
        // Event types, parameters, fields: a section that lists no errors defines none.
        if context.listsNonErrors {
            context.prose(Block.text(of: [.definitions(definitions)]))
            return
        }
        // A list of ranges (`0.01-0.31  Indicates a request.`, `1000-2999`) names no codes, the odd
        // single value among them (`0.00`) included.
        if Self.isListOfRanges(definitions) {
            context.prose(Block.text(of: [.definitions(definitions)]))
            return
        }
        let restsAreTitles = Self.restsAreTitles(definitions)
        // Most terms name codes: a plain word among them (`Conflict`) does too.
        let amongCodes = definitions.items.count >= 3 && definitions.items.filter { item in
            CodeMention.leading(item.term, in: .term(errorSection: context.isAboutCodes)).map(acceptsTerm) ?? false
        }.count * 10 >= definitions.items.count * 6
        let phrases = context.isAboutCodes && PhraseCodes.areCodes(definitions.items.map(\.term))
        var emitted = false
        defer { if emitted { context.entryBlockRead() } }
        for item in definitions.items {
            let mention = (phrases ? PhraseCodes.leading(item.term, amongPhrases: true) : nil) ?? (CodeMention.leading(item.term, in: .term(errorSection: context.isAboutCodes))
                ?? (amongCodes ? CodeMention.leading(item.term, in: .column(named: true)) : nil)).flatMap { mention in
                acceptsTerm(mention) || amongCodes && Self.namesWithTitle(mention) && LeadText.isLowercaseName(mention.rest) ? mention : nil
            }
            if let mention, !Parameters.isParameter(mention, definedBy: item.blocks) {
                // `4.2.1  Reply Codes by Function Groups` over a list of codes: a heading, set in
                // a definition's layout.
                if mention.codes.count == 1, HTTPStatus(code: mention.codes[0]) == nil, item.blocks.contains(where: Self.holdsEntries),
                    groupStatusOfTerm(mention, over: item.blocks) == nil
                {
                    context.enter(Heading(level: context.headingLevel + 1, text: item.term, lines: item.termLines))
                    walk(item.blocks)
                    continue
                }
                if let status = groupStatusOfTerm(mention, over: item.blocks) {
                    let outer = context.groupStatus
                    context.setGroupStatus(status)
                    walk(item.blocks)
                    context.setGroupStatus(outer)
                    continue
                }
                var (title, description) = Self.titleAndDescription(mention, lowercaseNames: amongCodes)
                var blocks = item.blocks
                // A term over its definition: all it says after the code is the title
                // (`1003: Access Denied: Direct IP Access Not Allowed`).
                if !blocks.isEmpty, !mention.inSpan, title != nil, let whole = Optional(mention.rest), !whole.isEmpty,
                    whole.split(separator: " ").count <= 12, !whole.hasSuffix(".")
                {
                    title = LeadText.unbracketed(whole)
                    description = nil
                }
                // `AccessDeniedException: Access denied.` over its definition: what the term gives
                // after the code is its title, a message's period and all.
                if title == nil, let message = description, mention.separated || mention.inSpan, !blocks.isEmpty,
                    LeadText.isMessage(message) || LeadText.isTitle(message)
                {
                    title = message
                    description = nil
                }
                // `X.1.1   Bad destination mailbox address` over its description: a name set on
                // the term's own line, apart from the text under it, is the title.
                if title == nil, description == nil, case .paragraph(let first)? = blocks.first,
                    first.lines == item.termLines && blocks.count > 1 && LeadText.isTitle(InlineText.flat(first.text))
                        || blocks.count == 1 && restsAreTitles
                {
                    title = InlineText.flat(first.text)
                    blocks.removeFirst()
                } else if title == nil, description == nil, case .paragraph(let first)? = blocks.first, first.lines.start == item.termLines.start,
                    let (name, rest) = LeadText.namedDescription(InlineText.flat(first.text))
                {
                    // `x0z   Syntax - These replies refer to ...`: a name, a dash, what it means.
                    title = name
                    blocks[0] = .paragraph(Paragraph(text: rest, lines: first.lines))
                }
                emit(mention.codes, title: title, body: EntryBody(lines: description.map { [$0] } ?? [], blocks: blocks),
                    layout: .definitions,
                    lines: item.lines, endsBlock: false)
                emitted = true
                continue
            }
            if item.blocks.contains(where: Self.holdsEntries) {
                walk(item.blocks)
            } else {
                context.prose(item.term + "\n" + Block.text(of: item.blocks))
            }
        }
    }

    private static func isListOfRanges(_ definitions: DefinitionList) -> Bool {
        let ranges = definitions.items.filter { CodeMention.isRange(InlineText.flat($0.term).split(separator: " ").first.map(String.init) ?? "") }
        return ranges.count >= 2 && ranges.count * 2 >= definitions.items.count
    }

    /// A run of one-line definitions whose text on the term's line is, for nearly all of them,
    /// a name (`X.1.0     Other address status`): each such text is its code's title, the odd
    /// one that ends with a period included. Judged over the list, as a table's column is.
    private static func restsAreTitles(_ definitions: DefinitionList) -> Bool {
        let rests = definitions.items.compactMap { item -> String? in
            guard item.blocks.count == 1, case .paragraph(let only) = item.blocks[0], only.lines.start == only.lines.end else { return nil }
            return InlineText.flat(only.text)
        }
        guard rests.count >= 3, rests.count * 10 >= definitions.items.count * 8 else { return false }
        let names = rests.filter { ColumnRole.isTitleShaped($0) && !$0.hasSuffix(".") }
        return names.count * 10 >= rests.count * 9
    }

    private func acceptsTerm(_ mention: CodeMention) -> Bool {
        mention.inSpan || mention.rest.isEmpty || mention.separated || Self.startsLikeTitle(mention.rest)
    }

    /// A status term whose definition starts with a list of other codes.
    private func groupStatusOfTerm(_ mention: CodeMention, over blocks: [Block]) -> Int? {
        guard mention.codes.count == 1, let status = HTTPStatus(code: mention.codes[0]),
            let first = blocks.first(where: { if case .paragraph = $0 { false } else { true } })
        else { return nil }
        switch first {
        case .definitions(let list):
            return list.items.contains { CodeMention.leading($0.term, in: .lead(codeSection: true)) != nil } ? status.value : nil
        case .table(let table):
            return TableEntries(table) != nil ? status.value : nil
        default:
            return nil
        }
    }

    static func holdsEntries(_ block: Block) -> Bool {
        switch block {
        case .definitions, .table, .heading: true
        case .list(let list): list.items.contains { $0.blocks.contains(where: holdsEntries) }
        default: false
        }
    }

    /// Items that open with a field's name, `code` or `message` among them: what every error
    /// object carries, not a code of its own.
    static func isListOfErrorFields(_ list: BlockList) -> Bool {
        let names = list.items.compactMap { item -> String? in
            guard case .paragraph(let first)? = item.blocks.first, let line = InlineText.lines(first.text).first,
                line.hasPrefix("`"), let close = line.dropFirst().firstIndex(of: "`")
            else { return nil }
            return String(line[line.index(after: line.startIndex)..<close])
        }
        return names.count >= 2 && names.count * 2 > list.items.count && (names.contains("code") || names.contains("message"))
            && names.allSatisfy { name in name.allSatisfy { $0.isLowercase || $0 == "_" } }
    }

    /// List items that open with a code: `* 409 StatusConflict`, `- **404 Not Found** - The
    /// resource ...`, `` - `rate_limited`: The app ... ``.
    mutating func read(_ list: BlockList) {
        // Environment variables, options, parameters: a section that lists no errors lists none.
        if context.listsNonErrors {
            context.prose(Block.text(of: [.list(list)]))
            return
        }
        // `` - `code`: error code. `` / `` - `message`: ... ``: the fields of an error object,
        // which a page defines in the layout of codes.
        if Self.isListOfErrorFields(list) {
            context.prose(Block.text(of: [.list(list)]))
            return
        }
        let statusList = Self.isStatusList(list)
        let spannedTerms = !context.listsNonErrors && Self.isListOfSpannedTerms(list)
        // Most items open with a code: a plain word that opens one the same way (`Conflict: ...`
        // among `AuthorizationFailed: ...`) is a code too, judged over the list.
        let amongCodes = !context.listsNonErrors && list.items.count >= 3 && list.items.filter { item in
            guard case .paragraph(let first)? = item.blocks.first, let line = InlineText.lines(first.text).first else { return false }
            return leadMention(line) != nil
        }.count * 10 >= list.items.count * 6
        let phrases = context.isAboutCodes && PhraseCodes.areCodes(list.items.map { item in
            guard case .paragraph(let first)? = item.blocks.first else { return "" }
            return InlineText.lines(first.text).first ?? ""
        })
        var emitted = false
        defer { if emitted { context.entryBlockRead() } }
        for item in list.items {
            guard case .paragraph(let first)? = item.blocks.first, let line = InlineText.lines(first.text).first,
                let mention = (phrases ? PhraseCodes.leading(line, amongPhrases: true) : nil) ?? leadMention(line) ?? (statusList ? CodeMention.leading(line, in: .lead(codeSection: true)) : nil)
                    ?? (spannedTerms ? CodeMention.leading(line, in: .term(errorSection: true)) : nil)
                    ?? (amongCodes ? CodeMention.leading(line, in: .column(named: true)).flatMap {
                        $0.separated || $0.fullRest.isEmpty || Self.namesWithTitle($0) && LeadText.opensWithLowercaseName($0.fullRest) ? $0 : nil
                    } : nil)
            else {
                if item.blocks.contains(where: Self.holdsEntries) {
                    walk(item.blocks)
                } else {
                    context.prose(Block.text(of: item.blocks))
                }
                continue
            }
            // `ClientError` over the names derived from it, and theirs under them: a tree of
            // names (a hierarchy, an index), which describes none of them.
            if mention.fullRest.isEmpty, InlineText.lines(first.text).count == 1, item.blocks.count > 1,
                Self.isTreeOfNames(Array(item.blocks.dropFirst()))
            {
                context.prose(Block.text(of: item.blocks))
                continue
            }
            let (title, description) = Self.titleAndDescription(mention, lowercaseNames: amongCodes)
            let rest = Array(InlineText.lines(first.text).dropFirst())
            guard title != nil || description != nil || !rest.isEmpty || item.blocks.count > 1 else {
                context.prose(first.text)
                continue
            }
            emit(mention.codes, title: title, body: EntryBody(lines: (description.map { [$0] } ?? []) + rest, blocks: Array(item.blocks.dropFirst())),
                layout: .listItems,
                lines: item.lines, endsBlock: false)
            emitted = true
        }
    }
}

extension EntryFinder {
    /// Lists, nested or not, of nothing but names, each alone on its line and each a code.
    static func isTreeOfNames(_ blocks: [Block]) -> Bool {
        var names = 0
        var pending = blocks[...]
        while let block = pending.popFirst() {
            switch block {
            case .list(let list):
                for item in list.items { pending.append(contentsOf: item.blocks) }
            case .paragraph(let paragraph):
                let lines = InlineText.lines(paragraph.text)
                guard lines.count == 1, let mention = CodeMention.leading(lines[0], in: .column(named: true)), mention.fullRest.isEmpty
                else { return false }
                names += 1
            default:
                return false
            }
        }
        return names >= 1
    }

    /// A list whose items are each one name in a code span over what it means, nested under it
    /// (`` * `BadRequest` `` / `  * Indicates that ...`): a definition list in bullets, whose
    /// names are terms wherever it stands.
    static func isListOfSpannedTerms(_ list: BlockList) -> Bool {
        guard list.items.count >= 3 else { return false }
        let terms = list.items.filter { item in
            guard item.blocks.count >= 2, case .paragraph(let first) = item.blocks[0] else { return false }
            let text = first.text.trimmingWhitespace()
            return text.hasPrefix("`") && text.hasSuffix("`") && text.filter({ $0 == "`" }).count == 2 && !text.contains(" ")
        }
        return terms.count * 10 >= list.items.count * 8
    }

    /// Words that join a status to what it means in a plain list: `- 400 for Validation
    /// failure`, `- 200 if it succeeded`, `- 503 when the service is down`.
    private static let statusConnectors: Set<String> = ["for", "if", "when", "on", "means", "indicates", "signals"]

    /// A list every item of which opens with an HTTP status and a connector word: each item is
    /// that status's entry, though no separator sets the code off. Every item must, so a list
    /// of quantities (`- 200 requests a minute`) is not taken for one.
    static func isStatusList(_ list: BlockList) -> Bool {
        list.items.count >= 2 && list.items.allSatisfy { item in
            guard case .paragraph(let first)? = item.blocks.first, let line = InlineText.lines(first.text).first else { return false }
            let words = line.split(separator: " ", maxSplits: 2)
            return words.count == 3 && HTTPStatus(code: String(words[0])) != nil
                && statusConnectors.contains(words[1].lowercased())
        }
    }
}

/// The parameters of an OAuth error response, which RFCs define in the same layout as the
/// codes themselves: `error`, `error_description`, `error_uri`, `state`.
enum Parameters {
    private static let responseParameters: Set<String> = [
        "error", "error_description", "error_uri", "error_codes", "error_code", "state", "auth_req_id", "trace_id",
        "correlation_id", "timestamp", "scope", "realm",
    ]

    static func isParameter(_ mention: CodeMention, definedBy blocks: [Block] = []) -> Bool {
        if mention.codes.contains(where: { responseParameters.contains($0) }) { return true }
        let opening: String
        if case .paragraph(let paragraph)? = blocks.first {
            opening = paragraph.text
        } else {
            opening = mention.inSpan ? CodeMention.dropSeparators(mention.afterSpan) : mention.rest
        }
        let text = InlineText.flat(opening).lowercased()
        let parameterWords = ["required", "optional", "recommended", "(required", "(optional", "(string", "(integer", "(boolean", "string,", "integer,"]
        return parameterWords.contains { text.hasPrefix($0) }
    }
}
