import ErrorKBTestSupport
import Foundation

/// `../shared/seeds/expected.json` (copied beside the tests as `Fixtures/expected.json`): the
/// exact result a faithful import of the five seeds gives.
struct ExpectedSeeds: Decodable {
    struct Totals: Decodable {
        var variants: Int
        var distinctCodes: Int
        var perDocument: [String: Int]

        enum CodingKeys: String, CodingKey {
            case variants, distinctCodes = "distinct_codes", perDocument = "per_document"
        }
    }

    struct Document: Decodable {
        var document: String
        var vendor: String
        var entries: [Entry]
    }

    struct Entry: Decodable {
        var code: String
        var kind: String
        var title: String?
        var descriptionStartsWith: String
        var httpStatus: Int?
        var section: String?
        var causes: [String]
        var fixes: [String]

        enum CodingKeys: String, CodingKey {
            case code, kind, title, descriptionStartsWith = "description_starts_with", httpStatus = "http_status"
            case section, causes, fixes
        }
    }

    var totals: Totals
    var codes: [String]
    var documents: [Document]

    static func load() throws -> ExpectedSeeds {
        try JSONDecoder().decode(ExpectedSeeds.self, from: Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/expected.json")))
    }
}

