import ErrorKBCore

/// What each registry's rows must be for the table to be taken: a value or name of the right
/// form, registered once, and for the prescribed statuses a delivery, status and quote that fit.
enum RegistryRules {
    static let deliveries: Set<String> = ["redirect", "json", "challenge"]
    static let requirements: Set<String> = ["MUST", "SHOULD", "MAY", "default", "none"]

    static func check(_ table: RegistryTable, fileName: String) throws(ImportRefusal) {
        func refuse(_ row: RegistryRow, _ reason: String) -> ImportRefusal {
            .malformedRegistry(file: fileName, line: row.line, reason: reason)
        }
        switch table.kind {
        case .httpStatus:
            var registered: [(range: HTTPStatusRange, line: Int)] = []
            for row in table.rows {
                guard let range = HTTPStatusRange(row.cells[0]) else {
                    throw refuse(row, "\(row.cells[0].quotedForMessage()) is neither a status (100-599) nor a range of them, lower first (105-199)")
                }
                if let earlier = registered.first(where: { $0.range.overlaps(range) }) {
                    throw refuse(row, "\(row.cells[0].quotedForMessage()) is already in the registry on line \(earlier.line)")
                }
                guard !row.cells[1].trimmingWhitespace().isEmpty else { throw refuse(row, "the Description is empty") }
                if range.lower != range.upper, row.cells[1] != "Unassigned" {
                    throw refuse(row, "a range of statuses can only be Unassigned, not \(row.cells[1].quotedForMessage())")
                }
                registered.append((range, row.line))
            }
        case .oauthError:
            var seen: [String: Int] = [:]
            for row in table.rows {
                guard OAuthRegistryName.code(of: row.cells[0]) != nil else {
                    throw refuse(row, "\(row.cells[0].quotedForMessage()) is not an error code (letters, digits, '_', '-', '.')")
                }
                let key = row.cells[0] + "\u{0}" + row.cells[1]
                if let earlier = seen[key] {
                    throw refuse(row, "\(row.cells[0].quotedForMessage()) at \(row.cells[1].quotedForMessage()) is already in the registry on line \(earlier)")
                }
                seen[key] = row.line
            }
        case .oauthStatus:
            var seen: [String: Int] = [:]
            for row in table.rows {
                let cells = row.cells
                guard OAuthRegistryName.code(of: cells[0]) == cells[0] else {
                    throw refuse(row, "\(cells[0].quotedForMessage()) is not an error code (letters, digits, '_', '-', '.')")
                }
                guard deliveries.contains(cells[2]) else {
                    throw refuse(row, "delivery \(cells[2].quotedForMessage()) is none of \(deliveries.sorted().joined(separator: ", "))")
                }
                if cells[2] == "redirect" {
                    guard cells[3].isEmpty else { throw refuse(row, "a redirect carries no HTTP status, but \(cells[3].quotedForMessage()) is given") }
                } else if HTTPStatusRange(cells[3]).map({ $0.lower == $0.upper }) != true {
                    throw refuse(row, "http_status \(cells[3].quotedForMessage()) is not a status in 100-599")
                }
                guard requirements.contains(cells[4]) else {
                    throw refuse(row, "requirement \(cells[4].quotedForMessage()) is none of \(requirements.sorted().joined(separator: ", "))")
                }
                guard !cells[6].trimmingWhitespace().isEmpty else { throw refuse(row, "the quote is empty") }
                let key = [cells[0], cells[1], cells[3], cells[4]].joined(separator: "\u{0}")
                if let earlier = seen[key] {
                    throw refuse(row, "\(cells[0].quotedForMessage()) at \(cells[1].quotedForMessage()) with \(cells[3].isEmpty ? "no status" : cells[3].quotedForMessage()) (\(cells[4])) is already on line \(earlier)")
                }
                seen[key] = row.line
            }
        }
    }
}
