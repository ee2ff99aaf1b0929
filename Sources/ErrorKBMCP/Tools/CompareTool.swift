import ErrorKBCore
import Foundation
import MCP

/// `compare`: where the variants of a code disagree, on title and on HTTP status.
enum CompareTool: KnowledgeBaseTool {
    static let name = "compare"
    static let title = "Compare a code's variants"
    static let summary = """
        Where the sources disagree about one code: the titles they give it (compared by their \
        words) and the HTTP statuses they return it with, each with the variants and vendors \
        that say so, and which sources give causes and fixes. Every variant is included with \
        its document and lines.
        """
    static let parameters = [
        ToolParameter(
            name: "code", description: "The code, or a name of it (as for `lookup_code`).",
            kind: .text(maximumLength: CodeNameLookup.maximumNameLength), required: true),
        ToolParameter(name: "vendors", description: "Compare only these vendors' variants (slugs, comma-separated).", kind: .text(maximumLength: 500)),
    ]
    static let outputSchema = OutputSchemas.object(
        ["code": OutputSchemas.string, "comparison": OutputSchemas.comparison, "entry": OutputSchemas.code, "findings": OutputSchemas.strings],
        required: ["code", "comparison", "entry", "findings"])

    struct Answer: Encodable {
        var code: String
        var comparison: VariantComparison
        var entry: CitedCode
        var findings: [String]
    }

    static func call(_ arguments: ToolArguments, in context: ToolContext) async throws -> CallTool.Result {
        let name = arguments.string("code") ?? ""
        let vendors = try arguments.string("vendors").map(vendorList)
        guard let resolution = try await CodeNameLookup.resolve(name, in: context.knowledgeBase, limit: 1).first,
            var entry = try await context.knowledgeBase.code(resolution.code, vendor: nil)
        else {
            return try ToolAnswer.nothingFound(
                LookupCodeTool.Answer(name: name, matches: []), text: "The knowledge base has no code named '\(name)'.")
        }
        if let vendors {
            entry.variants.removeAll { !vendors.contains($0.vendor) }
            guard !entry.variants.isEmpty else {
                return try ToolAnswer.nothingFound(
                    LookupCodeTool.Answer(name: name, matches: []),
                    text: "None of \(vendors.joined(separator: ", ")) documents \(resolution.code).")
            }
        }
        let comparison = VariantComparison(entry)
        let findings = findings(comparison, entry: entry)
        let text = "## \(entry.code): \(entry.variants.count) variants compared\n" + findings.map { "- \($0)" }.joined(separator: "\n")
            + "\n\n" + AnswerText.code(entry)
        return try ToolAnswer.result(
            Answer(code: entry.code, comparison: comparison, entry: CitedCode(entry, links: context.links), findings: findings), text: text)
    }

    private static func vendorList(_ text: String) throws -> [String] {
        let slugs = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for slug in slugs where !Vendor.isValidSlug(slug) {
            throw MCPError.invalidParams("compare: argument 'vendors' must be vendor slugs separated by commas ('\(slug)' is not one)")
        }
        return slugs
    }

    /// The comparison in sentences, each naming the variants it rests on.
    static func findings(_ comparison: VariantComparison, entry: CodeEntry) -> [String] {
        func sources(_ ids: [Int64]) -> String {
            ids.compactMap { id in entry.variants.first { $0.id == id }.map(CitedVariant.citation) }.joined(separator: "; ")
        }
        var findings: [String] = []
        if comparison.variantCount < 2 {
            findings.append("Only \(comparison.variantCount) variant: nothing to compare.")
        }
        if comparison.disagreements.contains(.title) {
            let titles = comparison.titles.map { "'\($0.value)' (\(sources($0.variantIDs)))" }
            findings.append("The titles differ: " + titles.joined(separator: " vs "))
        } else if let title = comparison.titles.first, comparison.variantCount > 1 {
            findings.append("Every variant with a title calls it '\(title.value)'.")
        }
        if comparison.disagreements.contains(.httpStatus) {
            let statuses = comparison.httpStatuses.map { "\($0.value) (\(sources($0.variantIDs)))" }
            findings.append("The HTTP statuses differ: " + statuses.joined(separator: " vs "))
        } else if let status = comparison.httpStatuses.first, entry.kind != .http {
            findings.append("Every variant that states an HTTP status gives \(status.value).")
        }
        if !comparison.withoutHTTPStatus.isEmpty, entry.kind != .http {
            findings.append("No HTTP status stated by: \(sources(comparison.withoutHTTPStatus)).")
        }
        if comparison.withCauses.count < comparison.variantCount, !comparison.withCauses.isEmpty {
            findings.append("Causes are given only by: \(sources(comparison.withCauses)).")
        }
        if comparison.withFixes.count < comparison.variantCount, !comparison.withFixes.isEmpty {
            findings.append("Fixes are given only by: \(sources(comparison.withFixes)).")
        }
        return findings
    }
}
