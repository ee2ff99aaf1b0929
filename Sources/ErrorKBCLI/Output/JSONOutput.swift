import Foundation

/// The JSON the CLI prints for scripts: snake_case keys as in the HTTP API, sorted, so the same
/// data prints the same bytes.
enum JSONOutput {
    static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func print(_ value: some Encodable) throws {
        ErrorKBCLI.print(try string(value))
    }
}
