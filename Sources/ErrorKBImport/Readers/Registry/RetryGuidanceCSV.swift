import CSV
import ErrorKBCore

/// `Seeds/retry-guidance.csv`: ErrorKB's own table of retry guidance, one row per code (and
/// context), each with the sentence it rests on. Read with the same CSV parser as the registries.
public enum RetryGuidanceCSV {
    public static let header = ["code", "context", "retry", "idempotent_only", "wait", "reference", "quote", "read_from"]

    public static func rows(_ text: String, fileName: String) throws(ImportRefusal) -> [RetryGuidance] {
        let records: [[String]]
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: false)
            var rows: [[String]] = []
            while let row = reader.next() { rows.append(row) }
            records = rows
        } catch {
            throw .malformedRegistry(file: fileName, line: 1, reason: "not CSV: \(error)")
        }
        guard records.first == header else {
            throw .malformedRegistry(file: fileName, line: 1, reason: "the header is not \(header.joined(separator: ","))")
        }
        var guidance: [RetryGuidance] = []
        var line = 2
        for cells in records.dropFirst() {
            defer { line += 1 + cells.reduce(0) { $0 + $1.utf8.count(where: { $0 == 0x0A }) } }
            guard cells.count == header.count else {
                throw .malformedRegistry(file: fileName, line: line, reason: "\(cells.count) fields where the header has \(header.count)")
            }
            guard let retry = RetryGuidance.Decision(rawValue: cells[2]) else {
                throw .malformedRegistry(
                    file: fileName, line: line,
                    reason: "retry \(cells[2].quotedForMessage()) is none of \(RetryGuidance.Decision.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard cells[3] == "true" || cells[3] == "false" else {
                throw .malformedRegistry(file: fileName, line: line, reason: "idempotent_only \(cells[3].quotedForMessage()) is neither true nor false")
            }
            let row = RetryGuidance(
                code: cells[0], context: cells[1].isEmpty ? nil : cells[1], retry: retry, idempotentOnly: cells[3] == "true",
                wait: cells[4].isEmpty ? nil : cells[4], reference: cells[5], quote: cells[6], readFrom: cells[7])
            do { guidance.append(try row.validated()) } catch {
                throw .malformedRegistry(file: fileName, line: line, reason: "\(error)")
            }
        }
        return guidance
    }
}
