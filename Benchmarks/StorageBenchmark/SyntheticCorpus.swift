import ErrorKBCore

/// A deterministic synthetic knowledge base: many vendors, each with documents whose rows name
/// HTTP statuses and string codes, with descriptions, causes and fixes drawn from a vocabulary.
/// The same size always gives the same corpus.
struct SyntheticCorpus {
    static let variantsPerDocument = 500
    static let documentsPerVendor = 10

    let variants: Int
    private(set) var random = SplitMix64(seed: 0xE440_4B)

    var documentCount: Int { (variants + Self.variantsPerDocument - 1) / Self.variantsPerDocument }
    /// Codes grow with the corpus so that each has a few dozen variants, as real codes do.
    var stringCodeCount: Int { max(variants / 20, 100) }

    static let vocabulary: [String] = {
        let stems = [
            "request", "token", "client", "server", "gateway", "timeout", "header", "payload", "scope", "grant",
            "redirect", "cache", "quota", "limit", "signature", "certificate", "session", "cookie", "account",
            "permission", "resource", "endpoint", "method", "parameter", "encoding", "charset", "upstream",
            "proxy", "retry", "backoff", "credential", "secret", "audience", "issuer", "expiry", "nonce", "replay",
            "schema", "field", "format", "version", "region", "tenant", "project", "billing", "invoice", "webhook",
            "callback", "origin", "policy",
        ]
        let qualifiers = ["", "s", "ed", "ing", "_id", "_key", "_url", "_type"]
        return stems.flatMap { stem in qualifiers.map { stem + $0 } }
    }()

    mutating func sentence(words: Int) -> String {
        var text: [String] = []
        for index in 0..<words {
            let word = Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))]
            text.append(index == 0 ? word.prefix(1).uppercased() + word.dropFirst() : word)
        }
        return text.joined(separator: " ") + "."
    }

    mutating func code() -> (String, CodeKind) {
        if random.next() % 4 == 0 {
            let statuses = [400, 401, 403, 404, 405, 406, 409, 410, 413, 415, 422, 429, 500, 501, 502, 503, 504]
            return (String(statuses[Int(random.next() % UInt64(statuses.count))]), .http)
        }
        return ("err_code_\(random.next() % UInt64(stringCodeCount))", .other)
    }

    /// The documents, in import order.
    mutating func documents() -> [DocumentImport] {
        (0..<documentCount).map { index in
            let vendorIndex = index / Self.documentsPerVendor
            let vendor = Vendor(slug: "vendor-\(vendorIndex)", name: "Vendor \(vendorIndex)", kind: .vendor)
            let rows = min(Self.variantsPerDocument, variants - index * Self.variantsPerDocument)
            var entries: [ImportedEntry] = []
            for row in 0..<rows {
                let (code, kind) = self.code()
                let causes = (0..<Int(random.next() % 3)).map { _ in sentence(words: 7) }
                let fixes = (0..<Int(random.next() % 3)).map { _ in sentence(words: 8) }
                let content = VariantContent(
                    section: "Section \(row / 100)", title: sentence(words: 3).dropLast().description,
                    description: sentence(words: 18) + " " + sentence(words: 12),
                    httpStatus: HTTPStatus(code: code)?.value, causes: causes, fixes: fixes)
                entries.append(ImportedEntry(code: code, kind: kind, content: content, lines: LineRange(start: row + 1, end: row + 1)))
            }
            return DocumentImport(
                fileName: "synthetic-\(index).md", vendor: vendor, title: "Synthetic \(index)",
                sha256: String(repeating: String(index % 10), count: 64), lineCount: rows, entries: entries)
        }
    }
}

/// A small, fast, seedable generator, so corpora are reproducible.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
