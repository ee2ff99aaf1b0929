import Foundation

/// How a name someone gave was found to name a code.
public enum CodeNameMatch: String, Codable, Sendable, Hashable {
    /// The name is the code as stored: `404`, `invalid_grant`.
    case code
    /// An HTTP status written with its context: `HTTP 404`, `HTTP/1.1 404 Not Found`, `404 Not Found`.
    case httpStatus = "http_status"
    /// The code in another case or spelling: `INVALID_GRANT`, `invalid-grant`, `Invalid grant`.
    case codeSpelling = "code_spelling"
    /// A title some variant gives the code, ignoring case and punctuation: `Not Found`, `NOT_FOUND`.
    case title
}

/// One code a name was found to name.
public struct CodeNameResolution: Sendable, Hashable {
    public var code: String
    public var match: CodeNameMatch
    /// What matched: the code, or the title as the variant spells it.
    public var matchedText: String

    public init(code: String, match: CodeNameMatch, matchedText: String) {
        self.code = code
        self.match = match
        self.matchedText = matchedText
    }
}

/// Finds the codes a name names, the way people write them in tickets, logs and chat: the code
/// itself, an HTTP status line, another spelling of a string code, or a title. The stored data
/// decides: a title names a code only if some variant gives it that title.
public enum CodeNameLookup {
    public static let maximumNameLength = 200
    /// Titles are found through the search index; this many hits are read for them.
    static let titleSearchDepth = 200

    /// The codes `name` names, best match first: a code as stored, then an HTTP status line,
    /// then another spelling of a code, then titles (most variants first). Empty when nothing matches.
    public static func resolve(_ name: String, in knowledgeBase: some KnowledgeBaseReading, limit: Int = 10) async throws
        -> [CodeNameResolution]
    {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= maximumNameLength else {
            throw KnowledgeBaseError.invalid(field: "name", reason: "must be 1-\(maximumNameLength) characters, not blank")
        }
        var found: [CodeNameResolution] = []
        func add(_ resolution: CodeNameResolution) {
            if !found.contains(where: { $0.code == resolution.code }) { found.append(resolution) }
        }
        if ErrorCode.isValid(name), try await knowledgeBase.code(name, vendor: nil) != nil {
            add(CodeNameResolution(code: name, match: .code, matchedText: name))
        }
        // `404` itself was matched as a code just now: reading it again would only repeat that.
        if let status = httpStatus(in: name), String(status.value) != name,
            try await knowledgeBase.code(String(status.value), vendor: nil) != nil
        {
            add(CodeNameResolution(code: String(status.value), match: .httpStatus, matchedText: String(status.value)))
        }
        // A status (`404`, `HTTP 404`) names that status; titles are for names that are not (and
        // cost a search). A string code may be a title too: `not_found` is an OpenID Federation
        // error and, as `Not Found`, 404's name.
        if found.contains(where: { $0.match == .httpStatus || ($0.match == .code && HTTPStatus(code: $0.code) != nil) }) {
            return found
        }
        var spellings: [CodeNameResolution] = []
        for spelling in codeSpellings(of: name) where spelling != name {
            if try await knowledgeBase.code(spelling, vendor: nil) != nil {
                spellings.append(CodeNameResolution(code: spelling, match: .codeSpelling, matchedText: spelling))
            }
        }
        let titles = try await titled(name, in: knowledgeBase)
        // Words with spaces between them (`Not Found`) and constants in capitals (`NOT_FOUND`,
        // gRPC's and Google's style) are titles written out: a title that matches is what they
        // name, and another code that only shares the letters (OpenID Federation's `not_found`)
        // is left out. Other tokens (`invalid-grant`) are codes first.
        let titleLike = name.contains(where: \.isWhitespace) || (name == name.uppercased() && name.contains(where: \.isLetter))
        if titleLike, !titles.isEmpty {
            // `INVALID_GRANT` is the code in capitals, and Akana titles it so too: the spelling says more.
            let titled = Set(titles.map(\.code))
            for resolution in spellings.filter({ titled.contains($0.code) }) + titles { add(resolution) }
        } else {
            for resolution in spellings + titles { add(resolution) }
        }
        return Array(found.prefix(max(1, limit)))
    }

    /// `HTTP 404`, `HTTP/1.1 404 Not Found`, `404 Not Found`, `status 404`: the status they carry.
    /// A bare `404` is the code itself and is matched as such.
    public static func httpStatus(in text: String) -> HTTPStatus? {
        let pattern = #"^(?:(?:HTTP(?:/[0-9](?:\.[0-9])?)?|status(?: code)?)[\s:]*)?([1-5][0-9]{2})(?:\s+\S.*)?$"#
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
            let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let digits = Range(match.range(at: 1), in: text)
        else { return nil }
        return HTTPStatus(code: String(text[digits]))
    }

    /// The forms a string code is stored in, from how people write it: `INVALID_GRANT`,
    /// `invalid-grant` and `Invalid grant` all give `invalid_grant`; a hyphenated form is kept too.
    static func codeSpellings(of name: String) -> [String] {
        let words = titleWords(name)
        guard !words.isEmpty else { return [] }
        var spellings = [name.lowercased(), words.joined(separator: "_"), words.joined(separator: "-")]
        spellings.append(name.uppercased())
        var seen = Set<String>()
        return spellings.filter { ErrorCode.isValid($0) && seen.insert($0).inserted }
    }

    /// A title's words in lower case, punctuation and `_` dropped: how two titles are compared.
    public static func titleWords(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    private static func titled(_ name: String, in knowledgeBase: some KnowledgeBaseReading) async throws -> [CodeNameResolution] {
        let words = titleWords(name)
        guard !words.isEmpty, SearchQuery(words.joined(separator: " ")) != nil else { return [] }
        let hits = try await knowledgeBase.search(
            words.joined(separator: " "), filter: CodeFilter(), page: PageRequest(limit: titleSearchDepth),
            highlight: .plain)
        var votes: [String: (count: Int, first: Int, title: String)] = [:]
        for (position, hit) in hits.items.enumerated() {
            guard let title = hit.title, titleWords(title) == words else { continue }
            let earlier = votes[hit.code]
            votes[hit.code] = ((earlier?.count ?? 0) + 1, earlier?.first ?? position, earlier?.title ?? title)
        }
        return votes.sorted { ($0.value.count, -$0.value.first) > ($1.value.count, -$1.value.first) }
            .map { CodeNameResolution(code: $0.key, match: .title, matchedText: $0.value.title) }
    }
}
