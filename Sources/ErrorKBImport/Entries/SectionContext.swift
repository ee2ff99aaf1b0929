import ErrorKBCore

/// Where the entry reader stands in a page: the headings above it, the prose of the section it
/// is in, and any HTTP status that prose or a group label (`HTTP 400 Bad Request`) gives the
/// codes that follow. It answers the question every entry asks: what is my section, and with
/// what status am I returned?
struct SectionContext {
    /// One heading's section, with what its headings and prose say worked out as they arrive,
    /// so that the 40,000th entry of a section costs no more than the first.
    private struct Level {
        var level: Int
        var heading: String
        /// The paragraphs since the section's last block of entries.
        var introduction: [String] = []
        var entryBlocks = 0
        var groupStatus: Int?
        /// The endpoint the exchange named by this heading or one above belongs to.
        var exchangeEndpoint: String?
        /// The first endpoint the section's prose names, or says it delivers errors at.
        var proseEndpoint: String?
        /// The statuses the section's prose states, in order, each once.
        var proseStatuses: [Int] = []
        /// This heading, one above, or the section's prose speaks of OAuth or OpenID Connect.
        var mentionsOAuth = false
        var headingsAreAboutCodes = false
        var listsNonErrors = false
        /// The heading only says "errors" (`isGeneric`), judged as it arrives.
        var generic = false
    }

    let documentTitle: String?
    private let documentTitleIsGeneric: Bool
    private var levels: [Level]

    init(documentTitle: String?) {
        self.documentTitle = documentTitle
        documentTitleIsGeneric = documentTitle.map(Self.isGeneric) ?? false
        // The page itself, before its first heading.
        var page = Level(level: 0, heading: "")
        if let documentTitle {
            page.exchangeEndpoint = Endpoint.ofExchange(in: documentTitle)
            page.mentionsOAuth = KnownErrorCodes.mentionsOAuth(documentTitle)
            page.headingsAreAboutCodes = Self.isAboutCodes(documentTitle)
        }
        levels = [page]
    }

    var headingLevel: Int { levels.last?.level ?? 0 }

    /// The current heading's text, if the reader is under one.
    var heading: String? {
        guard let last = levels.last, last.level > 0 else { return nil }
        return last.heading
    }

    /// The section speaks of codes ("Close codes", "Error codes", "Status codes"), so a plain
    /// number or CamelCase name standing alone in it is one.
    var isAboutCodes: Bool { levels[levels.count - 1].headingsAreAboutCodes }

    /// Whether the section a heading of `level` would stand in is about codes: judged by the
    /// headings above that level, not by a deeper one the reader is still under (`### Solution`
    /// of the code before).
    func isAboutCodes(below level: Int) -> Bool {
        levels.last(where: { $0.level < level })?.headingsAreAboutCodes ?? levels[0].headingsAreAboutCodes
    }

    /// "Error codes", "Errors", "Close codes", "HTTP status code 400", "Response Code Definitions";
    /// not "Error handling" or "Status of This Memo", where the word qualifies something else.
    static func isAboutCodes(_ heading: String) -> Bool {
        let words = heading.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        if heading.lowercased().contains("exit value") || heading.lowercased().contains("exit code") || heading.lowercased().contains("exit status") {
            return true
        }
        let nouns: Set<String> = ["code", "codes", "error", "errors", "status", "statuses", "exception", "exceptions", "fault", "faults"]
        let following: Set<String> = ["code", "codes", "status", "statuses", "number", "numbers", "message", "messages", "reference",
            "references", "list", "catalog", "catalogue", "index", "table", "types", "values", "definitions", "registry", "names", "name",
            "conditions", "condition"]
        for (index, word) in words.enumerated() where nouns.contains(word) {
            // A plural, "code" itself, or a word at the end or before a number or one of the words
            // that go on naming codes.
            if word.hasSuffix("s") && word != "status" || word == "code" { return true }
            guard index + 1 < words.count else { return true }
            let next = words[index + 1]
            if next.first?.isNumber == true || following.contains(next) { return true }
        }
        return false
    }

    /// "URI Request Parameters", "Response Elements", "Properties", "Gateway Opcodes": the section
    /// lists what is not an error, and a CamelCase name or a word in it is no code, nor is a
    /// table in it a table of codes.
    static func listsNonErrors(_ heading: String) -> Bool {
        let words = Set(heading.lowercased().split { !$0.isLetter }.map(String.init))
        let names: Set<String> = ["parameter", "parameters", "field", "fields", "property", "properties", "argument", "arguments",
            "attribute", "attributes", "option", "options", "element", "elements", "syntax", "header", "headers", "method",
            "methods", "variable", "variables", "setting", "settings", "flag", "flags", "claim", "claims", "scope", "scopes",
            "opcode", "opcodes", "event", "events", "command", "commands", "intent", "intents", "permission", "permissions",
            "synopsis", "example", "examples"]
        // A manual page's `NAME` and `SYNOPSIS` name its function.
        if heading.trimmingWhitespace().lowercased() == "name" { return true }
        return !words.isDisjoint(with: names) && !isAboutCodes(heading)
    }

    /// The section the reader stands in lists no errors (`listsNonErrors`).
    var listsNonErrors: Bool { levels[levels.count - 1].listsNonErrors }

    mutating func enter(_ heading: Heading) {
        let text = InlineText.flat(heading.text)
        while let last = levels.last, last.level >= heading.level, last.level > 0 { levels.removeLast() }
        let parent = levels[levels.count - 1]
        var level = Level(level: heading.level, heading: text)
        level.exchangeEndpoint = Endpoint.ofExchange(in: text) ?? parent.exchangeEndpoint
        level.mentionsOAuth = parent.mentionsOAuth || KnownErrorCodes.mentionsOAuth(text)
        // This heading or the one above it.
        level.headingsAreAboutCodes = Self.isAboutCodes(text) || (parent.level > 0 ? Self.isAboutCodes(parent.heading) : parent.headingsAreAboutCodes)
        // A parameter's own heading (`**InvocationType**`) stands in the parameters' section.
        level.listsNonErrors = Self.listsNonErrors(text) || parent.listsNonErrors && !Self.isAboutCodes(text)
        level.generic = Self.isGeneric(text)
        levels.append(level)
    }

    var groupStatus: Int? { levels[levels.count - 1].groupStatus }

    /// A heading that is an entry's own (`## Error 1000`) closes the sections deeper than it,
    /// though it opens none: the entry stands in the section above, or beside it on a page whose
    /// headings are all of one level (`Client Error 4xx`, `400 Bad Request`, ...).
    mutating func close(to heading: Heading) {
        while let last = levels.last, last.level > heading.level, last.level > 0 { levels.removeLast() }
    }

    /// A label line that gives the codes after it a status: `HTTP 400 Bad Request`.
    mutating func setGroupStatus(_ status: Int?) {
        levels[levels.count - 1].groupStatus = status
    }

    mutating func prose(_ text: String) {
        let flat = InlineText.flat(text)
        guard !flat.isEmpty else { return }
        // In place, not through a copy of the level: a copy makes every append copy the whole
        // introduction, and a page of 100,000 paragraphs quadratic.
        let last = levels.count - 1
        levels[last].introduction.append(flat)
        if levels[last].proseEndpoint == nil {
            levels[last].proseEndpoint = Endpoint.named(in: flat) ?? Endpoint.ofDelivery(in: flat)
        }
        for status in StatedStatus.find(in: flat) where !levels[last].proseStatuses.contains(status) {
            levels[last].proseStatuses.append(status)
        }
        if !levels[last].mentionsOAuth { levels[last].mentionsOAuth = KnownErrorCodes.mentionsOAuth(flat) }
    }

    /// A block that held entries has been read: the next block has an introduction of its own.
    mutating func entryBlockRead() {
        levels[levels.count - 1].entryBlocks += 1
        levels[levels.count - 1].introduction = []
    }

    /// The section an entry stands in. For a string code, the endpoint it is returned at when
    /// the page says (in the section's prose, or by the exchange a heading names); then, for a
    /// second block of entries under one heading, what its introduction says it is for
    /// ("...returned when exchanging a code for an access token"); else the heading.
    func section(forStringCode isStringCode: Bool, tableSection: String? = nil) -> String? {
        let current = levels[levels.count - 1]
        if isStringCode {
            if let tableSection, let endpoint = Endpoint.named(in: tableSection) ?? Endpoint.ofExchange(in: tableSection) {
                return endpoint
            }
            if let endpoint = current.proseEndpoint { return endpoint }
            if tableSection == nil, let endpoint = current.exchangeEndpoint { return endpoint }
        }
        if let tableSection { return tableSection }
        // `On zmq_poller_new:` right before the entries: the operation they are returned by.
        if let operation = Self.operation(of: current.introduction) { return operation }
        if current.entryBlocks > 0, let purpose = Self.purpose(of: current.introduction.joined(separator: " ")) {
            return purpose
        }
        // `## Errors` under `# Invoke`: a heading that only says "errors" is placed by the one
        // above it, which names what they are the errors of.
        // (A heading above that is as generic places nothing: `Errors > HTTP Status Codes` is
        // the seeds' `HTTP Status Codes`.)
        if let heading, current.generic {
            if levels.count >= 3 {
                let parent = levels[levels.count - 2]
                return parent.generic ? heading : parent.heading + " > " + heading
            }
            // A manual page's `RETURN VALUES`: placed by the page's own name.
            if let documentTitle, !documentTitle.isEmpty, documentTitle != heading, !documentTitleIsGeneric {
                return documentTitle + " > " + heading
            }
        }
        return heading
    }

    /// "Errors", "Error codes", "Common errors", "HTTP status codes": a heading that names no
    /// operation, resource or endpoint.
    static func isGeneric(_ heading: String) -> Bool {
        let words = heading.lowercased().split { !$0.isLetter }.map(String.init)
        return !words.isEmpty && words.allSatisfy(genericWords.contains)
    }

    /// Built once: asked for every row of a table, the set was 10% of a 40,000-row page's parse.
    private static let genericWords: Set<String> = [
        "error", "errors", "code", "codes", "status", "statuses", "common", "possible", "list", "of", "http", "and", "the",
        "exception", "exceptions", "response", "responses", "fault", "faults", "api", "reference", "returned", "all", "return",
        "values", "value", "diagnostics", "exit",
    ]

    /// The status the section gives its string codes: a group label's, else one its prose states
    /// for all of them ("responds with an HTTP 400 (Bad Request) status code").
    var statedStatus: Int? {
        let current = levels[levels.count - 1]
        if let group = current.groupStatus { return group }
        return current.proseStatuses.count == 1 ? current.proseStatuses[0] : nil
    }

    /// True when the page or section is about OAuth or OpenID Connect.
    var mentionsOAuth: Bool { levels.contains { $0.mentionsOAuth } }

    /// `The following errors may be returned when exchanging a code for an access token.` →
    /// `exchanging a code for an access token`.
    /// `On zmq_poller_add or zmq_poller_add_fd:`, `For CreateBucket:`: one short lead-in line
    /// naming identifiers → what it names.
    static func operation(of introduction: [String]) -> String? {
        guard introduction.count == 1, let line = introduction.last, line.hasSuffix(":"), line.utf8.count <= 160 else { return nil }
        for lead in ["On ", "For ", "From "] where line.hasPrefix(lead) {
            let named = InlineText.flat(String(line.dropFirst(lead.count).dropLast())).trimmingWhitespace()
            let words = named.split(separator: " ")
            // Identifiers joined by `,`, `and`, `or`: names, not a phrase.
            let identifiers = words.filter { $0.contains(where: { $0 == "_" || $0 == "." || $0 == "(" }) || $0.first?.isUppercase == true && $0.dropFirst().contains(where: \.isUppercase) }
            guard !words.isEmpty, words.count <= 12, !identifiers.isEmpty,
                words.allSatisfy({ identifiers.contains($0) || ["and", "or", "&"].contains($0.lowercased()) || $0.hasSuffix(",") })
            else { return nil }
            return named
        }
        return nil
    }

    static func purpose(of introduction: String) -> String? {
        guard let sentence = SentenceSplitter.split(introduction).first else { return nil }
        for marker in [" when ", " while ", " during "] {
            guard let range = sentence.lowercased().firstRange(of: marker) else { continue }
            let offset = sentence.lowercased().distance(from: sentence.lowercased().startIndex, to: range.upperBound)
            var phrase = String(sentence.dropFirst(offset)).trimmingWhitespace()
            while let last = phrase.last, ".:;,!".contains(last) { phrase.removeLast() }
            let words = phrase.split(separator: " ").count
            if (2...12).contains(words) { return phrase }
        }
        return nil
    }
}
