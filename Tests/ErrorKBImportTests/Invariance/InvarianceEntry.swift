import Foundation

/// One entry of a corpus page, with text made up for what the expected file does not say
/// (descriptions, causes, fixes), so that it can be written into any layout and read back.
struct InvarianceEntry: Equatable {
    var code: String
    var title: String?
    /// The status a string code is returned with; `nil` for an HTTP status, which is its own.
    var httpStatus: Int?
    var description: String
    var causes: [String]
    var fixes: [String]

    /// The entries of one expected file, their counts of causes and fixes kept, every text
    /// invented from the entry's place so no two entries read alike.
    static func entries(expectedFile: URL) throws -> [InvarianceEntry] {
        let data = try Data(contentsOf: expectedFile)
        guard let objects = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return objects.enumerated().compactMap { index, object in
            guard let code = object["code"] as? String else { return nil }
            let words = Self.words(for: index)
            let causes = (object["causes"] as? Int) ?? 0
            let fixes = (object["fixes"] as? Int) ?? 0
            return InvarianceEntry(
                code: code, title: object["title"] as? String,
                httpStatus: code.allSatisfy(\.isNumber) ? nil : object["http_status"] as? Int,
                description: "The request for the \(words) record could not be completed by the service.",
                causes: (0..<min(causes, 3)).map { "The \(words) record was \(Self.causeWords[$0]) before the call." },
                fixes: (0..<min(fixes, 3)).map { "Ask for the \(words) record again after \(Self.fixWords[$0])." })
        }
    }

    /// Words no entry shares with another and that read as no code: `amber cedar`.
    private static func words(for index: Int) -> String {
        let first = ["amber", "birch", "cedar", "dune", "ember", "fern", "grove", "heath", "iris", "juniper", "kelp", "larch"]
        let second = ["river", "stone", "meadow", "harbor", "summit", "valley", "orchard", "canyon", "glacier", "prairie", "lagoon"]
        return first[index % first.count] + " " + second[(index / first.count) % second.count] + (index >= 132 ? " \(index)th" : "")
    }

    private static let causeWords = ["moved", "locked", "renamed"]
    private static let fixWords = ["a short wait", "signing in again", "checking its name"]
}

/// What the importer must read back from a rendering: the scorer's fields.
struct ReadBack: Equatable, CustomStringConvertible {
    var code: String
    var title: String?
    var httpStatus: Int?
    var causes: Int
    var fixes: Int

    var description: String {
        "\(code) title=\(title.map { "\"\($0)\"" } ?? "nil") status=\(httpStatus.map(String.init) ?? "nil") causes=\(causes) fixes=\(fixes)"
    }
}
