/// What an OAuth error's specification prescribes for it at one usage location: how it is
/// delivered, with which HTTP status, how strongly, and the sentence that says so.
public struct Prescription: Codable, Sendable, Hashable {
    /// How the error reaches the client.
    public enum Delivery: String, Codable, Sendable, Hashable, CaseIterable {
        /// Parameters on the redirection URI (RFC 6749 §4.1.2.1): no HTTP status of its own.
        case redirect
        /// A JSON body (RFC 6749 §5.2).
        case json
        /// A `WWW-Authenticate` challenge's `error=` (RFC 6750 §3).
        case challenge
    }

    public var usageLocation: String
    public var delivery: Delivery
    public var httpStatus: Int?
    /// `MUST`, `SHOULD` or `MAY` as the sentence says; `default` for RFC 6749 §5.2's "400 ...
    /// (unless specified otherwise)"; `none` when the sentence uses no BCP 14 keyword.
    public var requirement: String
    public var references: [RegistryReference]
    public var quote: String
    public var source: RegistrySource

    /// The prescriptions among `records` for `code`.
    public static func of(_ code: String, in records: [RegistryRecord]) -> [Prescription] {
        records.compactMap { record in
            let cells = record.row.cells
            guard record.kind == .oauthStatus, cells.count >= 7, cells[0] == code,
                let delivery = Delivery(rawValue: cells[2])
            else { return nil }
            return Prescription(
                usageLocation: cells[1], delivery: delivery, httpStatus: Int(cells[3]), requirement: cells[4],
                references: RegistryReference.all(in: cells[5]), quote: cells[6], source: RegistrySource(record))
        }
    }
}
