import ErrorKBCore
import ErrorKBImport
import Foundation

/// How long the importer takes to read pages into entries, with no database: the parser's own
/// share of an import, which end-to-end timings blur with SQLite's.
///   errorkb-bench parse FILE... [--repeat 10]
enum ParseBenchmark {
    static func run(files: [String], repeats: Int) throws {
        print("| file | bytes | entries | parse min ms | parse median ms | MB/s (min) |")
        print("|---|---:|---:|---:|---:|---:|")
        for path in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let name = URL(fileURLWithPath: path).lastPathComponent
            var times: [Double] = []
            var entries = 0
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                let parsed = DocumentParser.parse(try SourceText(bytes: bytes, fileName: name))
                times.append((ContinuousClock.now - start).seconds)
                entries = parsed.entries.count
            }
            if ProcessInfo.processInfo.environment["ERRORKB_READ_ONLY"] != nil {
                let source = try SourceText(bytes: bytes, fileName: name)
                for _ in 0..<repeats { _ = DocumentParser.read(source) }
                continue
            }
            if ProcessInfo.processInfo.environment["ERRORKB_PHASES"] != nil {
                let source = try SourceText(bytes: bytes, fileName: name)
                var start = ContinuousClock.now
                let model = DocumentParser.read(source)
                let read = (ContinuousClock.now - start).seconds
                start = ContinuousClock.now
                _ = DocumentParser.parse(source)
                print("phases \(name): read \(read * 1000) ms of parse \((ContinuousClock.now - start).seconds * 1000) ms, \(model.blocks.count) blocks")
            }
            times.sort()
            let fastest = times[0]
            print(
                "| \(name) | \(bytes.count) | \(entries) | \(String(format: "%.1f", fastest * 1_000)) | "
                    + "\(String(format: "%.1f", times[times.count / 2] * 1_000)) | "
                    + "\(String(format: "%.1f", Double(bytes.count) / fastest / 1_000_000)) |")
        }
    }
}
