import Foundation
import Testing

@testable import ErrorKBImport

/// Whether the importer's time grows with a page's size and no faster: the page read at a
/// quarter of its size and at its full size, the best of three each, the larger may take at
/// most eight times as long (linear is four; a reader that rescans what it read is sixteen).
/// A ratio, not a timing, so a slow or busy machine does not fail it; both times are printed.
enum LinearTime {
    /// Below this a read is timer noise, not cost: a shape read in constant time passes.
    static let floor = 0.005

    static func expect(_ name: String, file: String, size: Int, page: (Int) -> String) throws {
        func best(_ size: Int) throws -> Double {
            let text = page(size)
            var times: [Double] = []
            for _ in 0..<3 {
                let start = ContinuousClock.now
                _ = try DocumentParser.parse(text, as: file)
                let elapsed = ContinuousClock.now - start
                times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            return times.min() ?? 0
        }
        let small = try best(size / 4)
        let large = try best(size)
        let ratio = max(large, floor) / max(small, floor)
        print("scale: \(name): \(size / 4) \(String(format: "%.3f", small)) s, \(size) \(String(format: "%.3f", large)) s, ratio \(String(format: "%.1f", ratio))")
        #expect(ratio < 8, "\(name): 4× the size took \(String(format: "%.1f", ratio))× as long")
    }
}
