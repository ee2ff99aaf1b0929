import ErrorKBCore

/// The parts of a code page that come from the registries and the specifications: the
/// registration, what the OAuth specifications prescribe, the retry guidance, and the
/// divergences, each with where it was read.
struct ReferenceSections {
    /// A reference as text, linked when it has a place to read it.
    struct Reference {
        var label: String
        var href: String?
    }

    struct RegistrationItem {
        var value: String
        var name: String?
        var status: String
        var dates: String?
        var expired: Bool
        var locations: String?
        var references: [Reference]
        var source: PageLink
        var asOf: String?
    }

    struct PrescriptionItem {
        var location: String
        var delivery: String
        var requirement: String
        var quote: String
        var references: [Reference]
        var source: PageLink
    }

    struct RetryItem {
        var decision: String
        var context: String?
        var wait: String?
        var idempotentOnly: Bool
        var quote: String
        var references: [Reference]
        var readFrom: String
    }

    struct DivergenceItem {
        var kind: String
        var detail: String
        var variant: PageLink
    }

    var registrations: [RegistrationItem]
    var hasRegistrations: Bool
    var prescriptions: [PrescriptionItem]
    var hasPrescriptions: Bool
    var retry: [RetryItem]
    var hasRetry: Bool
    var divergences: [DivergenceItem]
    var hasDivergences: Bool

    init(_ reference: CodeReference) {
        registrations = reference.registrations.map { registration in
            let dates = [
                registration.registered.map { "registered \($0)" }, registration.extended.map { "extended \($0)" },
                registration.expires.map { (registration.expired == true ? "expired " : "expires ") + $0 },
            ].compactMap { $0 }
            return RegistrationItem(
                value: registration.value, name: registration.name, status: registration.status.rawValue,
                dates: dates.isEmpty ? nil : dates.joined(separator: ", "), expired: registration.expired == true,
                locations: registration.usageLocations?.joined(separator: ", "), references: registration.references.map(Self.link),
                source: Self.source(registration.source), asOf: registration.source.registryAsOf)
        }
        prescriptions = reference.prescriptions.map { prescription in
            let delivery =
                switch prescription.delivery {
                case .redirect: "on the redirection URI"
                case .json: "a JSON body, HTTP \(prescription.httpStatus.map(String.init) ?? "?")"
                case .challenge: "a WWW-Authenticate challenge, HTTP \(prescription.httpStatus.map(String.init) ?? "?")"
                }
            return PrescriptionItem(
                location: prescription.usageLocation, delivery: delivery, requirement: prescription.requirement,
                quote: prescription.quote, references: prescription.references.map(Self.link), source: Self.source(prescription.source))
        }
        retry = reference.retry.map { guidance in
            RetryItem(
                decision: guidance.retry.rawValue.replacingOccurrences(of: "_", with: " "), context: guidance.context, wait: guidance.wait,
                idempotentOnly: guidance.idempotentOnly, quote: guidance.quote, references: guidance.references.map(Self.link),
                readFrom: guidance.readFrom)
        }
        divergences = reference.divergences.map { divergence in
            DivergenceItem(
                kind: divergence.kind.rawValue.replacingOccurrences(of: "_", with: " "), detail: divergence.detail,
                variant: PageLink(label: "#\(divergence.variantID)", href: "#variant-\(divergence.variantID)"))
        }
        hasRegistrations = !registrations.isEmpty
        hasPrescriptions = !prescriptions.isEmpty
        hasRetry = !retry.isEmpty
        hasDivergences = !divergences.isEmpty
    }

    private static func link(_ reference: RegistryReference) -> Reference {
        Reference(label: reference.document + (reference.section.map { ", §\($0)" } ?? ""), href: reference.url)
    }

    private static func source(_ source: RegistrySource) -> PageLink {
        let lines = LineRange(start: source.line, end: source.line)
        return PageLink(label: PageLinks.citation(document: source.document, lines: lines), href: PageLinks.document(source.documentID, lines: lines))
    }
}
