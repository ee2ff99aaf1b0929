import ErrorKBCore

/// The variants a registry table gives: one per registered HTTP status (not the unassigned
/// ranges), one per OAuth registration, one per prescribed status. The registry has names but
/// no prose, so a variant's description is the row's own words, which also puts every change
/// of a re-imported table (104's new expiry date) into the revision log.
enum RegistryEntries {
    static func title(of kind: RegistryKind) -> String {
        switch kind {
        case .httpStatus: "Hypertext Transfer Protocol (HTTP) Status Code Registry"
        case .oauthError: "OAuth Extensions Error Registry"
        case .oauthStatus: "HTTP status and delivery the OAuth specifications prescribe"
        }
    }

    static func entries(of table: RegistryTable) -> [ParsedEntry] {
        table.rows.compactMap { row in
            let cells = row.cells
            let lines = LineRange(start: row.line, end: row.line)
            switch table.kind {
            case .httpStatus:
                guard let range = HTTPStatusRange(cells[0]), range.lower == range.upper, cells[1] != "Unassigned" else { return nil }
                let note = RegistryNote(description: cells[1])
                return ParsedEntry(
                    code: cells[0], kind: .http, title: note.name, description: joined(cells[1], cells[2]),
                    httpStatus: range.lower, section: nil, causes: [], fixes: [], lines: lines)
            case .oauthError:
                guard let code = OAuthRegistryName.code(of: cells[0]) else { return nil }
                let description = [
                    cells[0] == code ? nil : "Registered as \(cells[0]).",
                    "Usage location: \(cells[1]).", "Protocol extension: \(cells[2]).", "Change controller: \(cells[3]).",
                    cells[4].isEmpty ? nil : "Reference: \(cells[4]).",
                ].compactMap { $0 }.joined(separator: " ")
                return ParsedEntry(
                    code: code, kind: .oauth, title: nil, description: description, httpStatus: nil, section: cells[1],
                    causes: [], fixes: [], lines: lines)
            case .oauthStatus:
                let delivery =
                    switch cells[2] {
                    case "redirect": "On the redirection URI"
                    case "challenge": "In a WWW-Authenticate challenge, HTTP \(cells[3])"
                    default: "In a JSON body, HTTP \(cells[3])"
                    }
                let strength = cells[4] == "none" ? "" : " (\(cells[4]))"
                return ParsedEntry(
                    code: cells[0], kind: .oauth, title: nil,
                    description: "\(delivery)\(strength): \"\(cells[6])\" \(cells[5])", httpStatus: Int(cells[3]),
                    section: cells[1], causes: [], fixes: [], lines: lines)
            }
        }
    }

    private static func joined(_ description: String, _ reference: String) -> String {
        reference.isEmpty ? description : "\(description) \(reference)"
    }
}
