/// One reference a registry row cites, as IANA writes it in brackets: `[RFC9110, Section 15.5.5]`,
/// `[RFC6585]`, `[draft-ietf-httpbis-resumable-upload-05]`, or a document's title.
public struct RegistryReference: Codable, Sendable, Hashable {
    /// The text in the brackets.
    public var text: String
    /// `RFC 9110` for an RFC, the draft's name for an Internet-Draft, else the text.
    public var document: String
    /// `15.5.5`, when the reference names a section.
    public var section: String?
    /// Where to read it: the section of the RFC on rfc-editor.org, a draft on the IETF
    /// datatracker; `nil` for a document named only by its title.
    public var url: String?

    /// Every bracketed reference in a cell, in order: `[RFC6749][RFC6750]` gives two.
    public static func all(in cell: String) -> [RegistryReference] {
        var references: [RegistryReference] = []
        var rest = Substring(cell)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            let inner = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !inner.isEmpty { references.append(RegistryReference(inner)) }
            rest = rest[rest.index(after: close)...]
        }
        return references
    }

    public init(_ text: String) {
        self.text = text
        let parts = text.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let name = parts.first ?? text
        section = parts.count > 1 ? Self.sectionNumber(parts[1]) : nil
        let lowered = name.lowercased()
        if lowered.hasPrefix("rfc"), let number = Int(lowered.dropFirst(3).trimmingCharacters(in: .whitespaces)) {
            document = "RFC \(number)"
            url = "https://www.rfc-editor.org/rfc/rfc\(number).html" + (section.map { "#section-\($0)" } ?? "")
        } else if lowered.hasPrefix("draft-"), name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            document = name
            url = "https://datatracker.ietf.org/doc/\(name)" + (section.map { "#section-\($0)" } ?? "")
        } else {
            document = name
            url = nil
        }
    }

    /// `Section 15.5.5` gives `15.5.5`; `Appendix B` gives `appendix-B`, as rfc-editor.org anchors it.
    private static func sectionNumber(_ text: String) -> String? {
        let words = text.split(separator: " ")
        guard words.count == 2 else { return nil }
        let number = String(words[1])
        guard number.allSatisfy({ $0.isNumber || $0 == "." || $0.isLetter }) else { return nil }
        switch words[0].lowercased() {
        case "section": return number
        case "appendix": return "appendix-" + number
        default: return nil
        }
    }
}
