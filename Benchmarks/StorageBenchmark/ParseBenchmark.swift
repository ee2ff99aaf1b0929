import ErrorKBCore
import ErrorKBImport
import Foundation

/// How long the importer takes to read pages into entries, with no database: the parser's own
/// share of an import, which end-to-end timings blur with SQLite's.
///   errorkb-bench parse FILE... [--repeat 10]
enum ParseBenchmark {
    static func run(files: [String], repeats: Int) throws {
        print("| file | bytes | entries | read min ms | parse min ms | parse median ms | MB/s (min) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for path in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let name = URL(fileURLWithPath: path).lastPathComponent
            let source = try SourceText(bytes: bytes, fileName: name)
            var times: [Double] = []
            var reads: [Double] = []
            var entries = 0
            for _ in 0..<repeats {
                var start = ContinuousClock.now
                let parsed = DocumentParser.parse(try SourceText(bytes: bytes, fileName: name))
                times.append((ContinuousClock.now - start).seconds)
                entries = parsed.entries.count
                // The reader alone, so a slow page shows which half is slow: its markup or its entries.
                start = ContinuousClock.now
                _ = DocumentParser.read(source)
                reads.append((ContinuousClock.now - start).seconds)
            }
            times.sort()
            let fastest = times[0]
            print(
                "| \(name) | \(bytes.count) | \(entries) | \(String(format: "%.1f", (reads.min() ?? 0) * 1_000)) | "
                    + "\(String(format: "%.1f", fastest * 1_000)) | "
                    + "\(String(format: "%.1f", times[times.count / 2] * 1_000)) | "
                    + "\(String(format: "%.1f", Double(bytes.count) / fastest / 1_000_000)) |")
        }
    }
}
