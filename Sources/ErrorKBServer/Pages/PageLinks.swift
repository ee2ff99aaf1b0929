import ErrorKBCore
import Foundation

/// The pages' own addresses, built in one place. Codes and slugs are already URL-safe by their
/// rules (``ErrorCode``, ``Vendor/isValidSlug(_:)``); query values (a document's file name, a
/// search) are percent-encoded here, and the templates escape the result for HTML.
enum PageLinks {
    static func code(_ code: String, vendor: String? = nil, variant: Int64? = nil) -> String {
        var link = "/codes/\(ErrorCode.pathSegment(code))"
        if let vendor { link += "?vendor=\(vendor)" }
        if let variant { link += "#variant-\(variant)" }
        return link
    }

    static func history(_ code: String) -> String { "/codes/\(ErrorCode.pathSegment(code))/history" }
    static func vendor(_ slug: String) -> String { "/vendors/\(slug)" }

    /// A document's page; with `lines`, those lines are highlighted and the page opens at them.
    static func document(_ id: Int64, lines: LineRange? = nil) -> String {
        guard let lines else { return "/documents/\(id)" }
        let range = lines.start == lines.end ? "\(lines.start)" : "\(lines.start)-\(lines.end)"
        return "/documents/\(id)?lines=\(range)#L\(lines.start)"
    }

    /// `path?name=value&...`, values percent-encoded, empty values left out.
    static func with(_ path: String, _ parameters: [(String, String?)]) -> String {
        let pairs = parameters.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return "\(name)=\(encode(value))"
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// RFC 3986's unreserved characters stay; everything else is percent-encoded.
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `akana_errors.md, lines 10–14`.
    static func citation(document: String, lines: LineRange?) -> String {
        guard let lines else { return document }
        return lines.start == lines.end ? "\(document), line \(lines.start)" : "\(document), lines \(lines.start)–\(lines.end)"
    }
}
