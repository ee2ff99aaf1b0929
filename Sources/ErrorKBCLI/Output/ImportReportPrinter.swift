import ErrorKBCore
import ErrorKBImport

/// Prints import reports for a person: the summary of each file, then what changed and every
/// line that was not placed, with its line number.
struct ImportReportPrinter {
    var terminal: Terminal

    func print(_ reports: [ImportReport]) {
        for report in reports {
            ErrorKBCLI.print(terminal.bold(report.summary))
            if !report.layouts.isEmpty {
                ErrorKBCLI.print("  read as \(report.format); entries in \(report.layouts.joined(separator: ", "))")
            }
            for section in report.sections where report.sections.count > 1 || section.section != nil {
                ErrorKBCLI.print("  \(section.entries) in \(section.section.map { "[\($0)]" } ?? "no section")")
            }
            for table in report.tables { ErrorKBCLI.print(terminal.dim("  " + table.summary)) }
            list("added", report.outcome.added)
            list("changed", report.outcome.changed)
            list("removed", report.outcome.removed)
            list("conflict (admin edit kept; --overwrite replaces it)", report.outcome.conflicts)
            list("overwritten", report.outcome.overwritten)
            for line in report.unplaced {
                ErrorKBCLI.print(terminal.dim("  not placed, line \(line.number) (\(line.reason.rawValue)): \(clip(line.text))"))
            }
        }
    }

    private func list(_ label: String, _ entries: [DocumentImportOutcome.Entry]) {
        for entry in entries {
            let section = entry.section.map { " [\($0)]" } ?? ""
            let line = entry.line.map { ", line \($0)" } ?? ""
            ErrorKBCLI.print("  \(label): \(entry.code)\(section)\(line)")
        }
    }

    private func clip(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        return trimmed.count > 100 ? String(trimmed.prefix(99)) + "…" : trimmed
    }
}
