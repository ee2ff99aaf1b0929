/// cmark-gfm 0.29.0.gfm.6, Debian 12's, appends each cell of a table row to a linked list by
/// walking the list, so a row of n cells costs n² steps: one row of 200,000 cells takes 15 s.
/// No documentation table is a thousand columns wide. Past that many, a line's further pipes
/// are escaped, so the rest of the row reads as its last cell and prose keeps every character;
/// a delimiter row (`|---|---|`) is cut to the same number of cells, so header and delimiter
/// still agree and the table is still a table.
enum WideRows {
    static let maximumPipes = 1_000

    /// `bytes` itself when no line has more pipes than the limit, the usual case, checked in one pass.
    static func limited(_ bytes: [UInt8]) -> [UInt8] {
        var pipes = 0
        var wide = false
        for byte in bytes {
            if byte == pipe {
                pipes += 1
                if pipes > maximumPipes {
                    wide = true
                    break
                }
            } else if byte == newline {
                pipes = 0
            }
        }
        guard wide else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 4)
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: newline) ?? bytes.count
            append(bytes[start..<end], to: &result)
            if end < bytes.count { result.append(newline) }
            start = end + 1
        }
        return result
    }

    private static func append(_ line: ArraySlice<UInt8>, to result: inout [UInt8]) {
        guard line.count(where: { $0 == pipe }) > maximumPipes else {
            result.append(contentsOf: line)
            return
        }
        let isDelimiterRow = line.allSatisfy { $0 == pipe || $0 == dash || $0 == colon || $0 == space || $0 == tab }
        var pipes = 0
        var previous: UInt8 = 0
        for byte in line {
            if byte == pipe {
                pipes += 1
                if pipes > maximumPipes {
                    if isDelimiterRow {
                        result.append(contentsOf: [dash, dash, dash])
                        return
                    }
                    if previous != backslash { result.append(backslash) }
                }
            }
            result.append(byte)
            previous = byte
        }
    }

    private static let pipe = UInt8(ascii: "|")
    private static let newline = UInt8(ascii: "\n")
    private static let backslash = UInt8(ascii: "\\")
    private static let dash = UInt8(ascii: "-")
    private static let colon = UInt8(ascii: ":")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
}
