import Foundation

/// Checking and parsing a large page is seconds of CPU without a suspension point. As a task it
/// would hold one of the cooperative pool's threads, of which there are as many as cores, and
/// the server's handlers and every other task would wait behind it; on a thread of its own it
/// shares the cores with them instead.
enum ParsingThread {
    /// The readers recurse down to their depth caps: a stack as large as the main thread's.
    private static let stackSize = 8 << 20

    /// `registryAsOf` is the day a registry table's copy was taken, should the file be one.
    static func parse(name: String, bytes: [UInt8], registryAsOf: String?) async throws -> (SourceText, ParsedDocument) {
        try await run {
            let source = try SourceText(bytes: bytes, fileName: name)
            if let kind = try RegistryCSV.registry(of: source.lines, fileName: name) {
                return (source, try RegistryCSV.parsed(kind, source: source, bytes: bytes, asOf: registryAsOf))
            }
            return (source, DocumentParser.parse(source))
        }
    }

    /// Runs `work` on a thread of its own with a large stack, and hands back what it returns.
    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.stackSize = stackSize
            thread.name = "errorkb-parse"
            thread.start()
        }
    }
}
