import ErrorKBCore
import ErrorKBImport
import ErrorKBTestSupport
import Foundation
import Testing

/// Issue 7's hostile documents. Every input is imported for real into a seeded knowledge base:
/// it is either imported (one more revision) or refused in one line (a refusal of the file
/// itself starts with its name), and a refusal leaves the knowledge base byte-for-byte as it was.
/// A crash fails the whole test process and a hang fails the time limit.
@Suite("Import: hostile documents", .timeLimit(.minutes(10)))
struct ImportFuzzTests {
    /// Fixed, so a failure names an input that can be made again; `ERRORKB_FUZZ_SEED` explores.
    static let seed = ProcessInfo.processInfo.environment["ERRORKB_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x5EED_0007

    @Test("200 mutations of the five seeds")
    func mutatedSeeds() async throws {
        var random = SplitMix64(seed: Self.seed)
        var inputs: [(String, [UInt8])] = []
        for (index, name) in PackagePaths.seedFiles.enumerated() {
            let original = Array(try Data(contentsOf: URL(fileURLWithPath: PackagePaths.seed(name))))
            for round in 0..<40 {
                inputs.append(("mutant-\(index)-\(round).txt", Mutator.mutate(original, rounds: 1 + round % 8, using: &random)))
            }
        }
        let tally = try await FuzzHarness.run(inputs)
        #expect(tally.total == 200)
        print("fuzz: mutated seeds (seed \(Self.seed)): \(tally)")
    }

    @Test("100 random byte strings, some UTF-8 text, some not")
    func randomBytes() async throws {
        var random = SplitMix64(seed: Self.seed &+ 1)
        var inputs: [(String, [UInt8])] = []
        for index in 0..<100 {
            let length = Int(random.next() % 65_536)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            // Half are text-like: printable ASCII, pipes, tabs and newlines, which reach the parser.
            if index.isMultiple(of: 2) {
                let alphabet = Array(" |\t\n\n-:#<>/abcXYZ0123456789".utf8)
                bytes = bytes.map { alphabet[Int($0) % alphabet.count] }
            }
            inputs.append(("random-\(index).txt", bytes))
        }
        let tally = try await FuzzHarness.run(inputs)
        #expect(tally.total == 100)
        print("fuzz: random bytes (seed \(Self.seed &+ 1)): \(tally)")
    }

    @Test("a 5 MiB single line, deep HTML, invalid UTF-8 and other edge shapes")
    func edgeShapes() async throws {
        let limit = SourceText.maximumBytes
        let seed = Array(try Data(contentsOf: URL(fileURLWithPath: PackagePaths.seed(PackagePaths.seedFiles[0]))))
        var inputs: [(String, [UInt8])] = [
            ("one-line.txt", Array(repeating: UInt8(ascii: "a"), count: limit)),
            ("one-table-line.md", Array(String(repeating: "| 404 | Not Found ", count: limit / 18).utf8.prefix(limit))),
            ("over-the-limit.txt", Array(repeating: UInt8(ascii: "a"), count: limit + 1)),
            ("deep-divs.html", Array((String(repeating: "<div>", count: 200_000) + "404 Not Found" + String(repeating: "</div>", count: 200_000)).utf8)),
            ("deep-tables.html", Array((String(repeating: "<table><tr><td>", count: 50_000) + "404" + String(repeating: "</td></tr></table>", count: 50_000)).utf8)),
            ("unclosed-tags.html", Array((String(repeating: "<td rowspan=999999999><tr><", count: 100_000)).utf8)),
            ("entities.html", Array(("<table><tr><td>404</td><td>" + String(repeating: "&#x110000;&#99999999999;&amp&;&#;", count: 20_000) + "</td></tr></table>").utf8)),
            ("nul-bytes.txt", Array("404 Not Found\u{0}\u{0}\u{0}\n".utf8)),
            ("bom-crlf.md", [0xEF, 0xBB, 0xBF] + Array("| Code | Description |\r\n|---|---|\r\n| 404 | Gone. |\r\n".utf8)),
            ("cr-only.md", Array("| Code | Description |\r|---|---|\r| 404 | Gone. |\r".utf8)),
            ("wide-row.md", Array(("| Code | Description |\n|---|---|\n| 404 " + String(repeating: "| x ", count: 200_000) + "|\n").utf8)),
            ("long-code.md", Array(("| Code | Description |\n|---|---|\n| " + String(repeating: "E", count: 100_000) + " | Long. |\n").utf8)),
            ("many-blank-lines.txt", Array(String(repeating: "\n", count: 1_000_000).utf8)),
        ]
        // Invalid UTF-8 placed into a real page: a lone continuation byte, a truncated sequence,
        // an overlong encoding, a surrogate, and a code point past U+10FFFF.
        for (index, bad) in [[0x80], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF]].enumerated() {
            var bytes = seed
            bytes.insert(contentsOf: bad.map(UInt8.init), at: bytes.count / 2)
            inputs.append(("bad-utf8-\(index).txt", bytes))
        }
        let tally = try await FuzzHarness.run(inputs)
        #expect(tally.total == inputs.count)
        #expect(tally.refusals["over-the-limit.txt"]?.contains("over the 5 MiB limit") == true)
        #expect(tally.refusals.keys.filter { $0.hasPrefix("bad-utf8-") }.count == 6)
        print("fuzz: edge shapes: \(tally)")
    }
}

/// Issue 14's readers: every markup gets malformed, deeply nested and very wide input.
@Suite("Import: hostile pages in every markup", .timeLimit(.minutes(10)))
struct ReaderFuzzTests {
    @Test("10,000-level nesting, a 10,000-column table and unclosed structures, in every markup")
    func readerEdgeShapes() async throws {
        let deep = 10_000
        let wide = 10_000
        func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }
        // Indentation-based markup cannot nest 10,000 deep in 5 MiB; 2,000 levels is 2 MiB.
        let indented = (0..<2_000).map { repeated(" ", $0) + "invalid_request" }.joined(separator: "\n")
        let inputs: [(String, String)] = [
            ("deep-quotes.md", repeated(">", deep) + " 404 Not Found\n"),
            ("deep-lists.md", repeated("- ", deep) + "404 Not Found\n"),
            ("deep-emphasis.md", repeated("*", deep) + "404" + repeated("*", deep) + "\n"),
            ("deep-definitions.md", repeated("`invalid_grant`\n: ", deep) + "The grant.\n"),
            ("wide-table.md", "| Code" + repeated(" | Description", wide) + " |\n|" + repeated("---|", wide + 1) + "\n| 404" + repeated(" | x", wide) + " |\n"),
            ("unclosed.md", "---\ntitle: x\n" + repeated(":::note\n{% if x\n{{HTTPStatus(404\n```\n", 20_000)),
            ("kramdown-code.md", "\"error\":\n: REQUIRED.\n\n" + repeated("     \"invalid_grant\":\n     :     The grant.\n", 20_000)),
            ("deep-lists.html", repeated("<ul><li>", deep) + "404 Not Found" + repeated("</li></ul>", deep)),
            ("deep-definitions.html", repeated("<dl><dt>invalid_grant</dt><dd>", deep) + "x" + repeated("</dd></dl>", deep)),
            ("deep-inline.html", "<p>" + repeated("<b><code>", deep) + "404" + repeated("</code></b>", deep) + "</p>"),
            ("wide-table.html", "<table><tr><th>Code</th>" + repeated("<th>Description</th>", wide) + "</tr><tr><td>404</td>" + repeated("<td colspan=2 rowspan=100>x</td>", wide) + "</tr></table>"),
            ("unclosed.html", repeated("<table><tr><td>404<td><dl><dt>x<pre>", 20_000)),
            ("deep-indent.txt", indented),
            ("wide-pipes.txt", "Code" + repeated(" | Description", wide) + " |\n" + repeated("---|", wide + 1) + "\n404" + repeated(" | x", wide) + " |\n"),
            ("deep-indent.rst", indented),
            ("wide-grid.rst", "+" + repeated("---+", wide) + "\n|" + repeated(" x |", wide) + "\n+" + repeated("===+", wide) + "\n|" + repeated("404|", wide) + "\n+" + repeated("---+", wide) + "\n"),
            ("unclosed.rst", repeated("+---+---+\n| 404 | x\n.. note::\n=====  =====\n", 20_000)),
            ("wide-table.adoc", "|===\n" + repeated("|Code ", wide) + "\n\n" + repeated("|404 ", wide) + "\n|===\n"),
            ("unclosed.adoc", repeated("====\n----\n|===\n[NOTE]\n==== 404 Not Found {x}\n", 20_000)),
            ("deep.yaml", (0..<3_000).map { repeated(" ", $0) + "k\($0):" }.joined(separator: "\n") + " 404\n"),
            ("deep-flow.yaml", repeated("[", deep) + "404" + repeated("]", deep) + "\n"),
            ("unclosed.yaml", repeated("404: \"x\n  - [\n", 20_000)),
        ]
        for (name, text) in inputs { #expect(text.utf8.count <= SourceText.maximumBytes, "\(name) is over the limit") }
        let tally = try await FuzzHarness.run(inputs.map { ($0.0, Array($0.1.utf8)) })
        #expect(tally.total == inputs.count)
        print("fuzz: reader edge shapes: \(tally)")
    }

    @Test("10 mutations of every corpus page, each under its own file name, so every reader is fed")
    func mutatedCorpusPages() async throws {
        var random = SplitMix64(seed: ImportFuzzTests.seed &+ 14)
        var inputs: [(String, [UInt8])] = []
        for corpus in ["development", "authored"] {
            let folder = CorpusScoreTests.corpora.appendingPathComponent(corpus)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            where !file.hasSuffix(".json") && !file.hasSuffix(".py") && file != "README.md" {
                let original = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
                for round in 0..<10 {
                    inputs.append(("\(round)-\(file)", Mutator.mutate(original, rounds: 1 + round % 6, using: &random)))
                }
            }
        }
        let tally = try await FuzzHarness.run(inputs)
        #expect(tally.total == inputs.count)
        #expect(tally.total >= 300)
        print("fuzz: mutated corpus pages (seed \(ImportFuzzTests.seed &+ 14)): \(tally)")
    }
}

/// Imports each input and checks the promise: imported as one revision, or refused clearly with
/// nothing written.
enum FuzzHarness {
    struct Tally: CustomStringConvertible {
        var imported = 0
        var refusals: [String: String] = [:]
        var total: Int { imported + refusals.count }
        var description: String {
            // "file: reason (detail)" → "reason", so the tally counts kinds of refusal.
            let reasons = Dictionary(grouping: refusals.values) { message in
                let reason = message.split(separator: ": ", maxSplits: 1).last.map(String.init) ?? message
                return reason.split(separator: " (").first.map(String.init) ?? reason
            }
            return "\(total) inputs, \(imported) imported, \(refusals.count) refused "
                + "(\(reasons.map { "\($0.value.count)× \($0.key)" }.sorted().joined(separator: "; ")))"
        }
    }

    static func run(_ inputs: [(String, [UInt8])]) async throws -> Tally {
        let kb = try await TestKnowledgeBase.seeded()
        let folder = try TemporaryFolder()
        var tally = Tally()
        for (name, bytes) in inputs {
            let path = try folder.write(name, bytes: bytes)
            let before = try await kb.exportJSON()
            let revisions = try await kb.repository.revisions(code: nil, page: PageRequest(limit: 1)).items.first?.id ?? 0
            do {
                _ = try await kb.importer.importFiles([path], vendor: "fuzz", options: ImportOptions(), actor: "fuzz")
                tally.imported += 1
                let latest = try await kb.repository.revisions(code: nil, page: PageRequest(limit: 1)).items.first?.id ?? 0
                #expect(latest == revisions + 1, "\(name): an import is exactly one revision")
            } catch let refusal as ImportRefusal {
                #expect(refusal.description.hasPrefix(name + ": "), "\(name): \(refusal)")
                try await expectClearRefusal(refusal.description, name: name, before: before, kb: kb)
                tally.refusals[name] = refusal.description
            } catch let invalid as KnowledgeBaseError {
                try await expectClearRefusal(invalid.description, name: name, before: before, kb: kb)
                tally.refusals[name] = invalid.description
            } catch {
                Issue.record("\(name): refused with an error that is not a refusal: \(error)")
            }
        }
        return tally
    }

    private static func expectClearRefusal(_ message: String, name: String, before: String, kb: TestKnowledgeBase) async throws {
        #expect(!message.isEmpty && !message.contains("\n") && message.count < 300, "\(name): \(message)")
        let after = try await kb.exportJSON()
        #expect(after == before, "\(name): a refused import changed the knowledge base")
    }
}

/// Byte-level mutations of a document, the kinds a corrupted download or a bad copy-paste makes.
enum Mutator {
    static func mutate(_ original: [UInt8], rounds: Int, using random: inout SplitMix64) -> [UInt8] {
        var bytes = original
        for _ in 0..<rounds where !bytes.isEmpty {
            let at = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 8 {
            case 0: bytes[at] ^= UInt8(truncatingIfNeeded: 1 << (random.next() % 8))  // flip a bit
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int(random.next() % 512)))  // cut a piece
            case 2:  // repeat a piece
                let piece = bytes[at..<min(bytes.count, at + Int(random.next() % 512))]
                bytes.insert(contentsOf: piece, at: Int(random.next() % UInt64(bytes.count)))
            case 3: bytes = Array(bytes.prefix(at))  // truncate
            case 4:  // insert syntax the layouts react to
                let tokens = ["|", "\n", "<table>", "</td>", "<tr><td rowspan=\"3\">", "&#x27;", "   ", "\t", "Cause:", "Fix:", "#", "---|---"]
                bytes.insert(contentsOf: Array(tokens[Int(random.next() % UInt64(tokens.count))].utf8), at: at)
            case 5: bytes[at] = UInt8(truncatingIfNeeded: random.next())  // any byte
            case 6:  // swap two lines
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                let (a, b) = (Int(random.next() % UInt64(lines.count)), Int(random.next() % UInt64(lines.count)))
                lines.swapAt(a, b)
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            default: bytes.insert(contentsOf: [0xE2, 0x80], at: at)  // a cut-off UTF-8 sequence
            }
        }
        return bytes
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64), so inputs can be made
/// again from their seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
