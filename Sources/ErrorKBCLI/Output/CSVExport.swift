import ErrorKBCore

/// The export as CSV (RFC 4180): one row per variant, causes and fixes one per line inside
/// their cell, for spreadsheets. JSON stays the lossless format.
enum CSVExport {
    static let header = [
        "code", "kind", "class", "vendor", "document", "section", "title", "description", "http_status", "causes",
        "fixes", "line", "line_end", "edited",
    ]

    static func render(_ export: KnowledgeBaseExport) -> String {
        var lines = [header.joined(separator: ",")]
        for code in export.codes {
            for variant in code.variants {
                let fields: [String?] = [
                    code.code, code.kind.rawValue, code.class, variant.vendor, variant.document, variant.section, variant.title,
                    variant.description, variant.httpStatus.map(String.init), variant.causes.joined(separator: "\n"),
                    variant.fixes.joined(separator: "\n"), variant.line.map(String.init), variant.lineEnd.map(String.init),
                    variant.edited ? "true" : "false",
                ]
                lines.append(fields.map { quote($0 ?? "") }.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
