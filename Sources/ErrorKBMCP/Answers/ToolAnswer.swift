import ErrorKBCore
import Foundation
import MCP

/// A tool's result: the structured answer, with snake_case keys like the REST API's bodies,
/// and the same answer as text for clients that show only text.
enum ToolAnswer {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    static func value(_ answer: some Encodable) throws -> Value {
        try JSONDecoder().decode(Value.self, from: encoder.encode(answer))
    }

    static func json(_ answer: some Encodable) throws -> String {
        String(decoding: try encoder.encode(answer), as: UTF8.self)
    }

    static func result(_ answer: some Encodable, text: String) throws -> CallTool.Result {
        let structured: Value? = try value(answer)
        return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: structured)
    }

    /// An answer that is not an error of the call but says the knowledge base has nothing: the
    /// agent reads why and may try something else (the MCP way for a tool's own failures).
    static func nothingFound(_ answer: some Encodable, text: String) throws -> CallTool.Result {
        let structured: Value? = try value(answer)
        return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: structured, isError: true)
    }
}

/// The plain-text forms of answers, written for an agent to quote from.
enum AnswerText {
    static func code(_ entry: CodeEntry, matched: String? = nil) -> String {
        var lines = ["## \(entry.code) (\(entry.kind.rawValue)\(entry.httpClass.map { ", \($0)" } ?? ""))"]
        if let matched { lines.append("Matched by \(matched).") }
        lines.append("\(entry.variants.count) variant\(entry.variants.count == 1 ? "" : "s"):")
        for variant in entry.variants { lines.append(contentsOf: self.variant(variant)) }
        return lines.joined(separator: "\n")
    }

    static func variant(_ variant: Variant) -> [String] {
        var head = "- **\(variant.vendor)**"
        if let title = variant.title { head += ": \(title)" }
        if let status = variant.httpStatus, String(status) != variant.code { head += " (HTTP \(status))" }
        if let section = variant.section { head += " [section: \(section)]" }
        var lines = [head, "  \(variant.description)"]
        if !variant.causes.isEmpty { lines.append("  Causes: " + variant.causes.joined(separator: "; ")) }
        if !variant.fixes.isEmpty { lines.append("  Fixes: " + variant.fixes.joined(separator: "; ")) }
        lines.append("  Source: \(CitedVariant.citation(variant))")
        return lines
    }
}
