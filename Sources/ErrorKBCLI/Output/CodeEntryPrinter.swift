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
