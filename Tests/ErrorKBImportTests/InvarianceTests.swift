import ErrorKBCore
import Foundation
import Testing

@testable import ErrorKBImport

/// The same entries, whatever the presentation: every expected file of the corpus is written
/// into every layout family real documentation uses, changed by every perturbation that means
/// something there (columns reordered, header synonyms, the code in a span, in bold, with its
/// title, after HTTP, with its title in brackets, cells wrapped, a page break in the table, a
/// table of parameters before it, the list given twice), then read back by the importer and
/// compared field by field with what was written.
@Suite("Import: the same entries in every layout")
struct InvarianceTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus/development")

    struct Difference: CustomStringConvertible {
        var document: String
        var family: LayoutFamily
        var perturbation: Perturbation
        var detail: String
        var description: String { "\(document) as \(family.rawValue), \(perturbation.rawValue): \(detail)" }
    }

    @Test("every corpus page in every layout and perturbation reads back as the entries written")
    func everyLayoutReadsTheSame() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".expected.json") }.sorted()
        #expect(files.count >= 32)
        var cases = 0
        var differences: [Difference] = []
        for file in files {
            let entries = try InvarianceEntry.entries(expectedFile: Self.corpus.appendingPathComponent(file))
            for family in LayoutFamily.allCases {
                for perturbation in Perturbation.allCases where family.admits(perturbation) {
                    cases += 1
                    let (page, expected) = LayoutRenderer(family: family, perturbation: perturbation).render(entries)
                    let parsed = DocumentParser.parse(try SourceText(bytes: Array(page.utf8), fileName: family.fileName))
                    let read = parsed.entries.map { entry in
                        ReadBack(code: entry.code, title: entry.title, httpStatus: entry.httpStatus, causes: entry.causes.count, fixes: entry.fixes.count)
                    }
                    if let detail = Self.compare(read, expected) {
                        differences.append(Difference(document: file, family: family, perturbation: perturbation, detail: detail))
                        // ERRORKB_INVARIANCE_PAGES=folder keeps each page that read back differently.
                        if let folder = ProcessInfo.processInfo.environment["ERRORKB_INVARIANCE_PAGES"] {
                            let name = "\(file.dropLast(14))-\(family)-\(perturbation)".replacingOccurrences(of: " ", with: "_")
                            let suffix = family.fileName.split(separator: ".").last.map(String.init) ?? "txt"
                            try? page.write(toFile: "\(folder)/\(name).\(suffix)", atomically: true, encoding: .utf8)
                        }
                    }
                }
            }
        }
        print("invariance: \(cases) cases (\(files.count) pages × \(LayoutFamily.allCases.count) layouts × their perturbations), \(differences.count) differences")
        var byLayout: [String: [Difference]] = [:]
        for difference in differences { byLayout["\(difference.family.rawValue), \(difference.perturbation.rawValue)", default: []].append(difference) }
        for (name, found) in byLayout.sorted(by: { $0.value.count > $1.value.count }) {
            print("invariance:   \(found.count)× \(name)")
            for difference in found.prefix(2) { print("invariance:     \(difference.document): \(difference.detail)") }
        }
        #expect(differences.isEmpty, "\(differences.count) of \(cases) renderings read back differently")
    }

    /// The first difference between what was read and what was written, if any: the scorer's
    /// fields, a title compared as the scorer does (case and white space aside), and a missing
    /// title read as none.
    static func compare(_ read: [ReadBack], _ expected: [ReadBack]) -> String? {
        guard read.count == expected.count else {
            let missing = expected.map(\.code).filter { code in !read.contains { $0.code == code } }
            let extra = read.map(\.code).filter { code in !expected.contains { $0.code == code } }
            return "\(read.count) entries read, \(expected.count) written; missing \(missing.prefix(5)), extra \(extra.prefix(5))"
        }
        for (got, want) in zip(read, expected) {
            func norm(_ text: String?) -> String? {
                text.map { $0.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            }
            if got.code != want.code || want.title != nil && norm(got.title) != norm(want.title) || got.httpStatus != want.httpStatus
                || got.causes != want.causes || got.fixes != want.fixes
            {
                return "read \(got), wrote \(want)"
            }
        }
        return nil
    }
}
