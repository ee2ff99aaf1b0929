import ErrorKBCore
import Foundation

/// A deterministic synthetic knowledge base: many vendors, each with documents that list the
/// common HTTP statuses once each and then their own string codes, with descriptions, causes and
/// fixes whose words follow a Zipf distribution over a 4,400-word vocabulary, as text does.
/// The same size always gives the same corpus.
struct SyntheticCorpus {
    static let variantsPerDocument = 500
    static let documentsPerVendor = 10

    let variants: Int
    private(set) var random = SplitMix64(seed: 0xE440_4B)

    var documentCount: Int { (variants + Self.variantsPerDocument - 1) / Self.variantsPerDocument }
    /// Codes grow with the corpus so that each has a few dozen variants, as real codes do.
    var stringCodeCount: Int { max(variants / 20, 100) }

    static let statuses = [400, 401, 403, 404, 405, 406, 409, 410, 413, 415, 422, 429, 500, 501, 502, 503, 504]

    /// Technical words first, then made-up ones; interleaved so both kinds are common and rare.
    static let vocabulary: [String] = {
        var random = SplitMix64(seed: 7)
        let syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "sa", "du", "fi", "go", "hu", "be", "cy"]
        var invented = Set<String>()
        while invented.count < 4_000 {
            let length = 2 + Int(random.next() % 3)
            invented.insert((0..<length).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined())
        }
        var words = technical
        for (index, word) in invented.sorted().enumerated() {
            words.insert(word, at: min(words.count, index * words.count / 4_000 + index / 2))
        }
        return words
    }()

    /// Cumulative Zipf weights (s = 1.1) over the vocabulary's ranks.
    static let zipf: [Double] = {
        var total = 0.0
        return vocabulary.indices.map { rank in
            total += 1 / pow(Double(rank + 1), 1.1)
            return total
        }
    }()

    private static let technical: [String] = {
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

    mutating func word() -> String {
        let target = Double(random.next() % 1_000_000) / 1_000_000 * (Self.zipf.last ?? 1)
        var low = 0
        var high = Self.zipf.count - 1
        while low < high {
            let middle = (low + high) / 2
            if Self.zipf[middle] < target { low = middle + 1 } else { high = middle }
        }
        return Self.vocabulary[low]
    }

    mutating func sentence(words: Int) -> String {
        var text: [String] = []
        for index in 0..<words {
            let word = self.word()
            text.append(index == 0 ? word.prefix(1).uppercased() + word.dropFirst() : word)
        }
        return text.joined(separator: " ") + "."
    }

    /// A document's rows: the common HTTP statuses once each, then its own string codes.
    mutating func code(row: Int) -> (String, CodeKind) {
        if row < Self.statuses.count { return (String(Self.statuses[row]), .http) }
        return ("err_code_\(random.next() % UInt64(stringCodeCount))", .other)
    }

    /// The documents numbered `indexes`, in import order; call with consecutive ranges so the
    /// corpus is the same however it is split.
    mutating func documents(_ indexes: Range<Int>) -> [DocumentImport] {
        indexes.map { index in
            let vendorIndex = index / Self.documentsPerVendor
            let vendor = Vendor(slug: "vendor-\(vendorIndex)", name: "Vendor \(vendorIndex)", kind: .vendor)
            let rows = min(Self.variantsPerDocument, variants - index * Self.variantsPerDocument)
            var entries: [ImportedEntry] = []
            for row in 0..<rows {
                let (code, kind) = self.code(row: row)
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
