import Foundation

/// Where things are in this package, found from this file's place in it.
public enum PackagePaths {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let seeds = root.appendingPathComponent("Seeds")
    public static let seedFiles = [
        "000_a66a2b6a826d23c4.txt", "001_ae84c84f41ee20ec.txt", "002_e5cc25701693b159.txt",
        "003_c9016a0a350ab718.txt", "004_b512ad6ac7877b98.txt",
    ]

    public static func seed(_ name: String) -> String {
        seeds.appendingPathComponent(name).path
    }

    /// The folder the built products (`errorkb`, `errorkb-server`) are in.
    public static var products: URL {
        // The test runner runs from the build folder (…/debug/ErrorKBPackageTests.xctest).
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("errorkb").path) { return folder }
            folder.deleteLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug")
    }
}
