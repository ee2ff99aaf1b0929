import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import Testing

@testable import ErrorKBImport

@Suite("Parsing the five seed documents")
struct SeedParsingTests {
    let expected: ExpectedSeeds

    init() throws {
        expected = try ExpectedSeeds.load()
    }

    @Test("every seed parses to exactly the entries expected.json lists, in document order",
        arguments: ["000_a66a2b6a826d23c4.txt", "001_ae84c84f41ee20ec.txt", "002_e5cc25701693b159.txt",
            "003_c9016a0a350ab718.txt", "004_b512ad6ac7877b98.txt"])
    func seedMatchesExpected(file: String) throws {
        let document = try #require(expected.documents.first { $0.document == file })
        let bytes = try Array(Data(contentsOf: PackagePaths.seeds.appendingPathComponent(file)))
        let parsed = DocumentParser.parse(try SourceText(bytes: bytes, fileName: file))

        #expect(parsed.entries.count == document.entries.count)
        #expect(parsed.entries.count == expected.totals.perDocument[file])
        for (index, (entry, want)) in zip(parsed.entries, document.entries).enumerated() {
            let place = "\(file) entry \(index) (line \(entry.lines.start))"
            #expect(entry.code == want.code, "\(place)")
            #expect(entry.kind.rawValue == want.kind, "\(place)")
            #expect(entry.title == want.title, "\(place)")
            #expect(entry.description.hasPrefix(want.descriptionStartsWith), "\(place): \(entry.description)")
            #expect(entry.httpStatus == want.httpStatus, "\(place)")
            #expect(entry.section == want.section, "\(place)")
            #expect(entry.causes == want.causes, "\(place)")
            #expect(entry.fixes == want.fixes, "\(place)")
        }
    }
}
