import ErrorKBCore

/// Where the entry reader stands in a page: the headings above it, the prose of the section it
/// is in, and any HTTP status that prose or a group label (`HTTP 400 Bad Request`) gives the
/// codes that follow. It answers the question every entry asks: what is my section, and with
/// what status am I returned?
struct SectionContext {
    private struct Level {
        var level: Int
        var heading: String
        /// Every paragraph of the section so far.
        var prose: [String] = []
        /// The paragraphs since the section's last block of entries.
        var introduction: [String] = []
        var entryBlocks = 0
        var groupStatus: Int?
    }

    let documentTitle: String?
    private var levels: [Level]

    init(documentTitle: String?) {
        self.documentTitle = documentTitle
        // The page itself, before its first heading.
        levels = [Level(level: 0, heading: "")]
    }

    var headingLevel: Int { levels.last?.level ?? 0 }

    /// The current heading's text, if the reader is under one.
    var heading: String? {
        guard let last = levels.last, last.level > 0 else { return nil }
        return last.heading
    }

    /// Every heading above, innermost first, and the page's title.
    var headingPath: [String] {
        levels.reversed().compactMap { $0.level > 0 ? $0.heading : nil } + (documentTitle.map { [$0] } ?? [])
    }

    /// The section speaks of codes ("Close codes", "Error codes", "Status codes"), so a plain
    /// number or CamelCase name standing alone in it is one.
    var isAboutCodes: Bool {
        headingPath.prefix(2).contains { heading in
            let lowered = heading.lowercased()
            return ["code", "error", "status", "exception", "fault"].contains { lowered.containsWord($0) || lowered.containsWord($0 + "s") }
        }
    }

    mutating func enter(_ heading: Heading) {
        let text = InlineText.flat(heading.text)
        while let last = levels.last, last.level >= heading.level, last.level > 0 { levels.removeLast() }
        levels.append(Level(level: heading.level, heading: text))
    }

    var groupStatus: Int? { levels[levels.count - 1].groupStatus }

    /// A heading that is an entry's own (`## Error 1000`) closes the sections as deep as it,
    /// though it opens none: the entry stands in the section above.
    mutating func close(to heading: Heading) {
        while let last = levels.last, last.level >= heading.level, last.level > 0 { levels.removeLast() }
    }

    /// A label line that gives the codes after it a status: `HTTP 400 Bad Request`.
    mutating func setGroupStatus(_ status: Int?) {
        levels[levels.count - 1].groupStatus = status
    }

    mutating func prose(_ text: String) {
        let flat = InlineText.flat(text)
        guard !flat.isEmpty else { return }
        levels[levels.count - 1].prose.append(flat)
        levels[levels.count - 1].introduction.append(flat)
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
        if isStringCode {
            if let tableSection, let endpoint = Endpoint.named(in: tableSection) ?? Endpoint.ofExchange(in: tableSection) {
                return endpoint
            }
            let prose = levels.last?.prose.joined(separator: " ") ?? ""
            if let endpoint = Endpoint.named(in: prose) ?? Endpoint.ofDelivery(in: prose) { return endpoint }
            if tableSection == nil, let endpoint = headingPath.lazy.compactMap(Endpoint.ofExchange).first {
                return endpoint
            }
        }
        if let tableSection { return tableSection }
        if let last = levels.last, last.entryBlocks > 0, let purpose = Self.purpose(of: last.introduction.joined(separator: " ")) {
            return purpose
        }
        return heading
    }

    /// The status the section gives its string codes: a group label's, else one its prose states
    /// for all of them ("responds with an HTTP 400 (Bad Request) status code").
    var statedStatus: Int? {
        guard let last = levels.last else { return nil }
        if let group = last.groupStatus { return group }
        let statuses = StatedStatus.find(in: last.prose.joined(separator: "\n"))
        return statuses.count == 1 ? statuses[0] : nil
    }

    /// True when the page or section is about OAuth or OpenID Connect.
    var mentionsOAuth: Bool {
        headingPath.contains { KnownErrorCodes.mentionsOAuth($0) }
            || levels.contains { level in level.prose.contains { KnownErrorCodes.mentionsOAuth($0) } }
    }

    /// `The following errors may be returned when exchanging a code for an access token.` →
    /// `exchanging a code for an access token`.
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
