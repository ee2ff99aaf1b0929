import ErrorKBCore

/// HTTP statuses that running text says a response carries: `HTTP 409`, `HTTP status code 429
/// Too Many Requests`, `the HTTP 401 (Unauthorized) status code`, `a 409 response code`,
/// `HTTP response code of 400`. A bare number (`4xx`, `400, 401 or 403`, "a 404 means...") is not
/// stated, and neither is a status the sentence says is not used ("cannot be returned",
/// "without Error Response parameters", "unrelated to").
enum StatedStatus {
    static func find(in text: String) -> [Int] {
        guard mayHoldStatus(text) else { return [] }
        // Every way of stating a status below says one of these words.
        let cues: [StaticString] = ["http", "status", "code", "respon", "return", "via"]
        guard cues.contains(where: { text.containsBytesIgnoringCase($0) }) else { return [] }
        var found: [Int] = []
        for sentence in SentenceSplitter.split(text.replacingNewlines()) {
            let lowered = sentence.lowercased()
            if negations.contains(where: { lowered.containsWord($0) }) { continue }
            let words = lowered.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            for (index, word) in words.enumerated() {
                let bare = word.trimmingCharacters(in: "`*(),.;:")
                guard let status = HTTPStatus(code: bare), !word.hasSuffix("xx") else { continue }
                // `(typically, 400, 401, 403, or 405)`: a list of statuses states none of them.
                if Self.isInList(at: index, in: words) { continue }
                // `Like HTTP 404 "Not Found"`: an analogy with a status, not the one sent.
                if Self.isAnalogy(before: index, in: words) { continue }
                // `the 354 response` of SMTP: without the word HTTP, only a registered status is one.
                if !ReasonPhrases.isRegistered(status.value), !(1...4).contains(where: { index - $0 >= 0 && words[index - $0].trimmingCharacters(in: "`*(),.;:\"") == "http" }) {
                    continue
                }
                if isStated(at: index, in: words, status: status.value), !found.contains(status.value) {
                    found.append(status.value)
                }
            }
        }
        return found
    }

    private static func isInList(at index: Int, in words: [String]) -> Bool {
        func isStatus(_ position: Int) -> Bool {
            guard words.indices.contains(position) else { return false }
            return HTTPStatus(code: words[position].trimmingCharacters(in: "`*(),.;:")) != nil
        }
        let joiners: Set<String> = ["or", "and", "/"]
        if words[index].hasSuffix(","), isStatus(index + 1) || joiners.contains(words[safe: index + 1] ?? "") && isStatus(index + 2) {
            return true
        }
        if isStatus(index - 1), words[index - 1].hasSuffix(",") { return true }
        if index >= 2, joiners.contains(words[index - 1]), isStatus(index - 2) { return true }
        return false
    }

    /// `Like HTTP 201 "Created"`, `is like HTTP 404`, `related to HTTP 304`, `similar to the
    /// HTTP 404`: a status named to compare with, not the one sent. (`a message like "HTTP status
    /// code 429"` quotes what is sent.)
    private static func isAnalogy(before index: Int, in words: [String]) -> Bool {
        func word(_ position: Int) -> String {
            words.indices.contains(position) ? words[position].trimmingCharacters(in: "`*(),.;:\"") : ""
        }
        guard let http = (1...4).map({ index - $0 }).first(where: { word($0) == "http" }) else { return false }
        var before = http - 1
        if word(before) == "the" || word(before) == "to" { before -= 1 }
        if ["similar", "analogous", "akin", "related", "equivalent", "corresponds", "resembles", "mirrors"].contains(word(before)) {
            return true
        }
        guard word(before) == "like" else { return false }
        return before == 0 || ["is", "are", "was", "be", "behaves", "acts", "works"].contains(word(before - 1))
    }

    // An example ("For example, ... the server MAY return status code 405") states no status of
    // the codes a section lists.
    private static let negations = ["cannot", "can't", "without", "unrelated", "instead", "rather than", "not be returned", "never",
        "for example", "for instance", "e.g"]

    private static func isStated(at index: Int, in words: [String], status: Int) -> Bool {
        func word(_ offset: Int) -> String {
            let position = index + offset
            guard words.indices.contains(position) else { return "" }
            return words[position].trimmingCharacters(in: "`*(),.;:\"")
        }
        // Before: `HTTP 409`, `HTTP status code 429`, `HTTP response code of 400`, `status code 401`.
        if (1...4).contains(where: { word(-$0) == "http" }) { return true }
        if word(-1) == "code" || word(-1) == "status" && word(-2) != "the" { return true }
        if word(-1) == "of", word(-2) == "code" { return true }
        // After its reason phrase: `a 400 Bad Request HTTP status code`.
        let following = words.dropFirst(index + 1).prefix(5).map { $0.trimmingCharacters(in: "`*(),.;:\"") }
        if let phrase = ReasonPhrases.prefix(of: following.joined(separator: " "), status: status) {
            let next = word(phrase.split(separator: " ").count + 1)
            if ["http", "status", "response", "error"].contains(next) { return true }
        }
        // After: `409 response code`, `401 status`, `400 (Bad Request) status code`.
        if ["status", "response", "error", "code"].contains(word(1)), !words[index].hasSuffix(",") { return true }
        if words.indices.contains(index + 1), words[index + 1].hasPrefix("(") {
            for offset in 2...5 where ["status", "response"].contains(word(offset)) { return true }
        }
        // `returns 404 Not Found`, `responds with a 403`.
        if ["returns", "return", "returned", "responds", "respond", "with", "via"].contains(word(-1))
            || ["a", "an"].contains(word(-1)) && ["with", "via", "returns"].contains(word(-2))
        {
            let following = words.dropFirst(index + 1).prefix(4).joined(separator: " ")
            return ReasonPhrases.prefix(of: following, status: status) != nil
        }
        return false
    }

    /// A status needs three digits in a row; most text has none, and is passed over cheaply.
    private static func mayHoldStatus(_ text: String) -> Bool {
        var run = 0
        for byte in text.utf8 {
            if (0x30...0x39).contains(byte) {
                run += 1
                if run == 3 { return true }
            } else {
                run = 0
            }
        }
        return false
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, set.unicodeScalars.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.unicodeScalars.contains(last) { scalars.removeLast() }
        return String(scalars)
    }

    func replacingNewlines() -> String {
        containsBytes("\n") ? split(separator: "\n").joined(separator: " ") : self
    }

    /// `word` stands in the text with no letter right before or after it.
    func containsWord(_ word: String) -> Bool {
        var searchStart = startIndex
        while let range = self[searchStart...].firstRange(of: word) {
            let before = range.lowerBound == startIndex ? nil : self[index(before: range.lowerBound)]
            let after = range.upperBound == endIndex ? nil : self[range.upperBound]
            if before?.isLetter != true, after?.isLetter != true { return true }
            searchStart = index(after: range.lowerBound)
        }
        return false
    }
}
