import ErrorKBCore

/// A variant as a document a person edits in `$EDITOR`, and back.
enum VariantEditDocument {
    static func render(_ variant: Variant) -> String {
        var place = "\(variant.code) · \(variant.vendor)"
        if let document = variant.document { place += " · \(document)" + (variant.lines.map { ":\($0.start)" } ?? "") }
        var text = """
            # errorkb: editing \(place) · variant #\(variant.id)
            # Lines starting with '#' are ignored. Leave a field empty to remove it.
            # Causes and fixes are one item per '- ' line. Save and close to apply;
            # close without changes to cancel.
            Title: \(variant.title ?? "")
            HTTP status: \(variant.httpStatus.map(String.init) ?? "")
            Section: \(variant.section ?? "")

            Description:
            \(variant.description)

            Causes:

            """
        for cause in variant.causes { text += "- \(cause)\n" }
        text += "\nFixes:\n"
        for fix in variant.fixes { text += "- \(fix)\n" }
        return text
    }

    /// A line of the edited document that makes no sense, by number.
    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    static func parse(_ text: String) throws(ParseError) -> VariantContent {
        enum Part { case header, description, causes, fixes }
        var part = Part.header
        var content = VariantContent(description: "")
        var description: [String] = []
        var sawDescription = false
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = String(raw)
            if line.hasPrefix("#") { continue }
            let trimmed = line.trimmingWhitespace()
            switch trimmed {
            case "Description:":
                part = .description
                sawDescription = true
                continue
            case "Causes:":
                part = .causes
                continue
            case "Fixes:":
                part = .fixes
                continue
            default:
                break
            }
            switch part {
            case .header:
                guard !trimmed.isEmpty else { continue }
                guard let colon = trimmed.firstIndex(of: ":") else {
                    throw ParseError(line: number, message: "expected 'Title:', 'HTTP status:' or 'Section:', found \(trimmed.quotedForMessage())")
                }
                let value = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
                switch trimmed[..<colon].lowercased() {
                case "title": content.title = value.isEmpty ? nil : value
                case "section": content.section = value.isEmpty ? nil : value
                case "http status":
                    if value.isEmpty {
                        content.httpStatus = nil
                    } else if let status = Int(value) {
                        content.httpStatus = status
                    } else {
                        throw ParseError(line: number, message: "HTTP status \(value.quotedForMessage()) is not a number")
                    }
                default:
                    throw ParseError(line: number, message: "unknown field \(String(trimmed[..<colon]).quotedForMessage())")
                }
            case .description:
                description.append(line)
            case .causes:
                try append(trimmed, to: &content.causes, line: number)
            case .fixes:
                try append(trimmed, to: &content.fixes, line: number)
            }
        }
        guard sawDescription else { throw ParseError(line: 1, message: "the 'Description:' line is missing") }
        content.description = description.joined(separator: "\n").trimmingWhitespace()
        return content
    }

    /// `- item` starts an item; a following line without the dash continues it.
    private static func append(_ line: String, to items: inout [String], line number: Int) throws(ParseError) {
        guard !line.isEmpty else { return }
        if line.hasPrefix("- ") || line == "-" {
            items.append(String(line.dropFirst()).trimmingWhitespace())
        } else if let last = items.indices.last {
            items[last] += " " + line
        } else {
            throw ParseError(line: number, message: "an item starts with '- '")
        }
    }
}
