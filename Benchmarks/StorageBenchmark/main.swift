import ErrorKBCore
import ErrorKBStore
import Foundation

// errorkb-bench: storage benchmarks at several corpus sizes, printed as a table.
//   swift run -c release errorkb-bench [--sizes 10000,100000,1000000] [--samples 1000] [--keep DIR]
//   swift run -c release errorkb-bench generate --variants N --db PATH
//   swift run -c release errorkb-bench parse FILE... [--repeat 10]
//   swift run -c release errorkb-bench edits [--items 10000] [--repeat 5]
//   swift run -c release errorkb-bench answers [--repeat 20]
//   swift run -c release errorkb-bench listings [--sizes 10000,100000,1000000] [--samples 30] [--keep DIR]
// Timings are wall-clock on this machine; run on an idle machine and compare like with like.

SQLiteLibrary.configureForThisProcess()
let arguments = Array(CommandLine.arguments.dropFirst())

func value(after flag: String) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("errorkb-bench: \(message)\n".utf8))
    exit(2)
}

if arguments.first == "parse" {
    let repeats = value(after: "--repeat").flatMap(Int.init) ?? 10
    let files = arguments.dropFirst().filter { !$0.hasPrefix("--") && $0 != String(repeats) }
    guard !files.isEmpty else { fail("parse needs FILE...") }
    do {
        try ParseBenchmark.run(files: files, repeats: max(repeats, 1))
    } catch {
        fail("\(error)")
    }
} else if arguments.first == "edits" {
    let items = value(after: "--items").flatMap(Int.init) ?? 10_000
    let repeats = value(after: "--repeat").flatMap(Int.init) ?? 5
    do {
        try await EditBenchmark.run(items: max(items, 1), repeats: max(repeats, 1))
    } catch {
        fail("\(error)")
    }
} else if arguments.first == "answers" {
    let repeats = value(after: "--repeat").flatMap(Int.init) ?? 20
    do {
        try await AnswerBenchmark.run(repeats: max(repeats, 1))
    } catch {
        fail("\(error)")
    }
} else if arguments.first == "listings" {
    let sizes = (value(after: "--sizes") ?? "10000,100000,1000000").split(separator: ",").compactMap { Int($0) }
    guard !sizes.isEmpty else { fail("--sizes takes numbers such as 10000,100000") }
    let samples = value(after: "--samples").flatMap(Int.init) ?? 30
    do {
        try await ListingBenchmark.run(sizes: sizes, samples: max(samples, 1), keep: value(after: "--keep"))
    } catch {
        fail("\(error)")
    }
} else if arguments.first == "generate" {
    guard let variants = value(after: "--variants").flatMap(Int.init), variants > 0 else { fail("generate needs --variants N") }
    guard let path = value(after: "--db") else { fail("generate needs --db PATH") }
    let result = try await StorageBenchmark.generate(variants: variants, at: path)
    print(
        "generated \(variants) variants in \(path): \(String(format: "%.1f", result.seconds)) s, \(Int(result.rate)) variants/s; "
            + "search index merged from \(result.segmentsBefore) segments in \(String(format: "%.2f", result.mergeSeconds)) s")
} else {
    let sizes = (value(after: "--sizes") ?? "10000,100000").split(separator: ",").compactMap { Int($0) }
    guard !sizes.isEmpty else { fail("--sizes takes numbers such as 10000,100000") }
    let samples = value(after: "--samples").flatMap(Int.init) ?? 1_000
    try await StorageBenchmark.run(sizes: sizes, keep: value(after: "--keep"), samples: max(samples, 20))
}
