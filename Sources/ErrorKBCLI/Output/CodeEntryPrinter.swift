import ErrorKBCore

/// Prints a code's variants one after another, each with where it came from.
struct CodeEntryPrinter {
    var terminal: Terminal

    func print(_ entry: CodeEntry) {
        let kind = entry.httpClass.map { "HTTP \($0)" } ?? entry.kind.rawValue
        ErrorKBCLI.print("\(terminal.bold(entry.code))  \(terminal.dim("\(kind), \(entry.variants.count) variants"))")
        for variant in entry.variants {
            ErrorKBCLI.print("")
            print(variant: variant)
        }
    }

    /// A code with its registration, what its specification prescribes, its retry guidance and
    /// where its variants diverge, after the variants; `alsoNamed` are the other codes the name
    /// given could mean.
    func print(_ answer: CodeAnswer, alsoNamed: [CodeNameResolution] = []) {
        print(CodeEntry(code: answer.code, kind: answer.kind, httpClass: answer.httpClass, variants: answer.variants))
        for registration in answer.registrations {
            ErrorKBCLI.print("")
            ErrorKBCLI.print(terminal.bold("Registry") + terminal.dim("  \(registration.source.document):\(registration.source.line)"))
            var status = registration.status.rawValue
            if registration.status == .temporary {
                let dates = [
                    registration.registered.map { "registered \($0)" }, registration.extended.map { "extended \($0)" },
                    registration.expires.map { (registration.expired == true ? "expired " : "expires ") + $0 },
                ].compactMap { $0 }
                status += " (" + dates.joined(separator: ", ") + ")"
            }
            let name = registration.name.map { "\($0), " } ?? ""
            ErrorKBCLI.print("  \(registration.value): \(name)\(status)")
            if let locations = registration.usageLocations { ErrorKBCLI.print("  at: " + locations.joined(separator: ", ")) }
            for reference in registration.references {
                ErrorKBCLI.print("  " + reference.document + (reference.section.map { " §\($0)" } ?? "") + (reference.url.map { "  \($0)" } ?? ""))
            }
            if let asOf = registration.source.registryAsOf { ErrorKBCLI.print(terminal.dim("  registry copy taken \(asOf)")) }
        }
        if !answer.prescriptions.isEmpty {
            ErrorKBCLI.print("")
            ErrorKBCLI.print(terminal.bold("Prescribed"))
            for prescription in answer.prescriptions {
                let status = prescription.httpStatus.map { "HTTP \($0) " } ?? ""
                let reference = prescription.references.map(\.text).joined(separator: "; ")
                ErrorKBCLI.print("  \(prescription.usageLocation): \(status)\(prescription.delivery.rawValue) (\(prescription.requirement)) [\(reference)]")
                ErrorKBCLI.print(terminal.wrap("\"\(prescription.quote)\"", indent: 4))
            }
        }
        if !answer.retry.isEmpty {
            ErrorKBCLI.print("")
            ErrorKBCLI.print(terminal.bold("Retry"))
            for guidance in answer.retry {
                let context = guidance.context.map { " at the \($0)" } ?? ""
                let wait = guidance.wait.map { ", wait: \($0)" } ?? ""
                let idempotent = guidance.idempotentOnly ? ", idempotent requests only" : ""
                ErrorKBCLI.print("  \(guidance.retry.rawValue)\(context)\(wait)\(idempotent)  \(guidance.reference)")
                ErrorKBCLI.print(terminal.wrap("\"\(guidance.quote)\"", indent: 4))
            }
        }
        if !answer.divergences.isEmpty {
            ErrorKBCLI.print("")
            ErrorKBCLI.print(terminal.bold("Where the sources disagree"))
            for divergence in answer.divergences {
                ErrorKBCLI.print(terminal.wrap("\(divergence.kind.rawValue): \(divergence.detail) (#\(divergence.variantID))", indent: 2))
            }
        }
        if !alsoNamed.isEmpty {
            ErrorKBCLI.print("")
            ErrorKBCLI.print(terminal.dim("The name also matches: " + alsoNamed.map { "\($0.code) (\($0.match.rawValue))" }.joined(separator: ", ")))
        }
    }

    /// One variant: where it came from, its title, description, causes and fixes.
    func print(variant: Variant) {
        var place = variant.vendor
        if let document = variant.document {
            place += " · \(document)"
            if let lines = variant.lines {
                place += lines.end > lines.start ? ":\(lines.start)-\(lines.end)" : ":\(lines.start)"
            }
        }
        if let section = variant.section { place += " · \(section)" }
        ErrorKBCLI.print(terminal.accent(place) + terminal.dim("  #\(variant.id)" + (variant.edited ? " (edited)" : "")))
        var heading = variant.title ?? ""
        // An HTTP code's status is the code itself; a string code's is worth saying.
        if let status = variant.httpStatus, HTTPStatus(code: variant.code) == nil { heading += " (HTTP \(status))" }
        if !heading.isEmpty { ErrorKBCLI.print("  " + terminal.bold(heading.trimmingWhitespace())) }
        if !variant.description.isEmpty { ErrorKBCLI.print(terminal.wrap(variant.description, indent: 2)) }
        items("Causes", variant.causes)
        items("Fixes", variant.fixes)
    }

    private func items(_ label: String, _ items: [String]) {
        guard !items.isEmpty else { return }
        ErrorKBCLI.print("  \(label):")
        for (index, item) in items.enumerated() {
            let wrapped = terminal.wrap(item, indent: 7)
            ErrorKBCLI.print("   \(String(index + 1).padding(toLength: 3, withPad: " ", startingAt: 0)) " + wrapped.dropFirst(7))
        }
    }
}
