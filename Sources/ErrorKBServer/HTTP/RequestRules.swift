import Foundation
import HTTPTypes

/// The limits and content negotiation that ``RequestGuardMiddleware`` enforces, shared with the
/// connection-level ``CachedReads`` so both judge a request alike.
enum RequestRules {
    /// Far below NIO's own parser limits, so an oversized request gets a clear status rather
    /// than a dropped connection.
    static var maximumURIBytes: Int { 8 * 1024 }
    static var maximumHeaderBytes: Int { 16 * 1024 }

    /// The header section's size as the limit counts it: each field's name, value and framing.
    static func headerBytes(_ fields: HTTPFields) -> Int {
        fields.reduce(0) { $0 + fieldBytes($1) }
    }

    /// One field's share of ``headerBytes(_:)``.
    static func fieldBytes(_ field: HTTPField) -> Int {
        field.name.rawName.utf8.count + field.value.utf8.count + 4
    }

    /// True when an `Accept` header admits `contentType` (ignoring quality weights of zero).
    static func accepts(_ accept: String, _ contentType: String) -> Bool {
        let wanted = contentType.split(separator: ";")[0].lowercased()
        let wantedType = wanted.split(separator: "/")[0]
        return accept.split(separator: ",").contains { range in
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let media = parts.first else { return false }
            if parts.dropFirst().contains(where: { $0.replacingOccurrences(of: " ", with: "") == "q=0" || $0 == "q=0.0" || $0 == "q=0.000" }) {
                return false
            }
            return media == "*/*" || media == wanted || media == "\(wantedType)/*"
                || (wanted == "application/json" && media.hasSuffix("+json"))
        }
    }
}
