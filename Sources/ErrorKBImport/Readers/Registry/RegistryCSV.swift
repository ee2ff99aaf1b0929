import CSV
import ErrorKBCore
import Foundation

/// Registry tables as CSV, read and written with CSV.swift (RFC 4180). IANA writes minimal
/// quoting and CRLF; a file is taken only if writing its rows back gives its own bytes (line
/// breaks aside), so what is stored is exactly what was published, an unbalanced quote (which
/// the parser reads leniently) is caught, and an export can give the file back byte for byte.
public enum RegistryCSV {
    /// The registry a CSV file holds, by its header; `nil` when the file is no CSV or its header
    /// is none a registry has, so it is left to the page readers. A header that shares columns
    /// with a registry's but lacks some is refused: it is a registry table with a column missing.
    public static func registry(of lines: [SourceLine], fileName: String) throws(ImportRefusal) -> RegistryKind? {
        guard let first = lines.first else { return nil }
        let header = (try? rows(of: first.text)).flatMap(\.first) ?? []
        if let kind = RegistryKind(header: header) { return kind }
        // ErrorKB's own retry-guidance table is a CSV too, but not a document: said as such,
        // not taken for a registry with its columns wrong (it shares two with oauth-status).
        if header == RetryGuidanceCSV.header {
            throw .notADocument(
                file: fileName,
                reason: "this is a retry-guidance table (\(RetryGuidanceCSV.header.joined(separator: ","))), which errorkb import does not read; a new knowledge base takes Seeds/retry-guidance.csv, and errorkb retry set changes a row")
        }
        guard fileName.lowercased().hasSuffix(".csv") else { return nil }
        // A registry with columns missing or misspelt shares most of that registry's header;
        // two columns in common (`reference`, `quote`) make no registry.
        let nearest = RegistryKind.allCases.max { shared($0, header) < shared($1, header) }
        guard let nearest, shared(nearest, header) * 2 >= nearest.header.count, shared(nearest, header) >= 2 else { return nil }
        let missing = nearest.header.filter { !header.contains($0) }
        let extra = header.filter { !nearest.header.contains($0) }.prefix(10).map { $0.quotedForMessage(limit: 40) }
        var reasons: [String] = []
        if !missing.isEmpty { reasons.append("missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))") }
        if !extra.isEmpty { reasons.append("unknown column\(extra.count == 1 ? "" : "s") \(extra.joined(separator: ", "))") }
        if reasons.isEmpty { reasons.append("columns out of order") }
        throw .malformedRegistry(
            file: fileName, line: 1,
            reason: "the header is not the \(nearest.rawValue) registry's (\(nearest.header.joined(separator: ","))): \(reasons.joined(separator: "; "))")
    }

    /// The rows of `text` after its header, each with the line it starts on, checked to be the
    /// minimal-quoting CSV the registry is published in, with as many cells as the header.
    public static func table(
        _ kind: RegistryKind, text: String, fileName: String, asOf: String?
    ) throws(ImportRefusal) -> RegistryTable {
        // Line breaks are compared as one kind: a row saved with LF among CRLF rows is the same
        // row. The export writes CRLF, as IANA does.
        let text = text.replacingOccurrences(of: "\r\n", with: "\n")
        let records: [[String]]
        do { records = try rows(of: text) } catch {
            throw .malformedRegistry(file: fileName, line: 1, reason: "not CSV: \(error)")
        }
        let newline = "\n"
        var line = 1
        var offset = text.utf8.startIndex
        var rows: [RegistryRow] = []
        for (index, cells) in records.enumerated() {
            let written = (try? encode([cells], newline: newline)) ?? ""
            let lineBreaks = written.utf8.count(where: { $0 == 0x0A })
            // Compared as bytes: Character comparison would take a quote before \r\n for one glyph.
            let rest = text.utf8[offset...]
            let matches = rest.starts(with: written.utf8) || (index == records.count - 1 && written.utf8.dropLast(newline.utf8.count).elementsEqual(rest))
            guard matches else {
                throw .malformedRegistry(
                    file: fileName, line: line,
                    reason: "not written as the registry's CSV is (one record per line, a field quoted only when it holds a comma, a quote or a line break, quotes doubled)")
            }
            offset = text.utf8.index(offset, offsetBy: min(written.utf8.count, rest.count))
            if index > 0 {
                guard cells.count == kind.header.count else {
                    throw .malformedRegistry(
                        file: fileName, line: line,
                        reason: "\(cells.count) field\(cells.count == 1 ? "" : "s") where the header has \(kind.header.count) (\(kind.header.joined(separator: ",")))")
                }
                rows.append(RegistryRow(line: line, cells: cells))
            }
            line += lineBreaks
        }
        guard !rows.isEmpty else { throw .malformedRegistry(file: fileName, line: 1, reason: "a header and no rows") }
        let table = RegistryTable(kind: kind, asOf: asOf, rows: rows)
        try RegistryRules.check(table, fileName: fileName)
        return table
    }

    /// The table as the registry publishes it: its header, then its rows, CRLF after each.
    public static func export(_ kind: RegistryKind, rows: [RegistryRow]) throws -> String {
        try encode([kind.header] + rows.map(\.cells), newline: "\r\n")
    }

    private static func rows(of text: String) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        if let error = reader.error { throw error }
        return rows
    }

    private static func encode(_ rows: [[String]], newline: String) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, newline: newline == "\r\n" ? .crlf : .lf)
        for row in rows { try writer.write(row: row) }
        // CSV.swift writes the break before each record after the first; the registry ends each.
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + (rows.isEmpty ? "" : newline)
    }

    private static func shared(_ kind: RegistryKind, _ header: [String]) -> Int {
        kind.header.filter(header.contains).count
    }
}

extension RegistryCSV {
    /// A registry file as a parsed document: its table, and the variants its rows give.
    static func parsed(_ kind: RegistryKind, source: SourceText, bytes: [UInt8], asOf: String?) throws(ImportRefusal)
        -> ParsedDocument
    {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        let table = try table(kind, text: String(decoding: body, as: UTF8.self), fileName: source.fileName, asOf: asOf)
        let entries = RegistryEntries.entries(of: table)
        return ParsedDocument(
            title: RegistryEntries.title(of: kind), format: .csv, layouts: entries.isEmpty ? [] : [.registryRows],
            entries: entries, unplaced: [], registry: table)
    }
}
