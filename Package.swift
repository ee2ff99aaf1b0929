// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "ErrorKB",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "errorkb", targets: ["errorkb"]),
        .executable(name: "errorkb-server", targets: ["errorkb-server"]),
        .library(name: "ErrorKBCore", targets: ["ErrorKBCore"]),
        .library(name: "ErrorKBStore", targets: ["ErrorKBStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Hummingbird's own transport, named directly by the HTTP/1 channel that adds the framing rules.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Hummingbird's own service group, which closes the store once the server has stopped.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Atomic loads from SQLite's shared memory (ChangeMonitor), which Synchronization cannot do.
        .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
        // The YAML layout of the importer: status lists published as API reference data.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The Model Context Protocol's official Swift SDK: `errorkb mcp` and the server's `/mcp`.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        // Hummingbird's own Mustache renderer: the server's HTML pages, from templates in Pages/.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // RFC 4180 CSV, read and written: the IANA registries as IANA publishes them.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // The model, its rules and the two interfaces storage offers: plain Swift, no dependencies.
        .target(name: "ErrorKBCore", swiftSettings: strictSettings),
        // Everything SQLite: the one store that owns the file, its connections and migrations,
        // and the only code that speaks SQL.
        .target(
            name: "ErrorKBStore",
            dependencies: [
                "ErrorKBCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Atomics", package: "swift-atomics"),
                "CSQLiteConfig",
            ],
            swiftSettings: strictSettings,
            plugins: ["EmbedResources"]
        ),
        // sqlite3_config, which is variadic and so out of Swift's reach.
        .target(name: "CSQLiteConfig", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Turns vendor documentation pages into entries; knows nothing of SQL.
        .target(
            name: "ErrorKBImport",
            dependencies: [
                "ErrorKBCore", "CCmarkGFM", "CLibXML2", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSettings,
            plugins: ["EmbedResources"]
        ),
        // GitHub's CommonMark + GFM parser, the reference for Markdown pages.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // libxml2's HTML parser, for HTML pages and HTML inside Markdown.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The knowledge base as Model Context Protocol tools and resources, on the read interface.
        .target(
            name: "ErrorKBMCP",
            dependencies: ["ErrorKBCore", .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ErrorKBServer",
            dependencies: [
                "ErrorKBCore",
                "ErrorKBStore",
                "ErrorKBImport",
                "ErrorKBMCP",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings,
            plugins: ["EmbedResources"]
        ),
        .target(
            name: "ErrorKBCLI",
            dependencies: [
                "ErrorKBCore",
                "ErrorKBStore",
                "ErrorKBImport",
                "ErrorKBMCP",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "errorkb",
            dependencies: ["ErrorKBCLI", "ErrorKBStore"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "errorkb-server",
            dependencies: [
                "ErrorKBServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Storage benchmarks and the synthetic corpus generator (see BENCHMARKS.md).
        .executableTarget(
            name: "errorkb-bench",
            dependencies: ["ErrorKBCore", "ErrorKBStore", "ErrorKBImport"],
            path: "Benchmarks/StorageBenchmark",
            swiftSettings: strictSettings
        ),
        // Build-time helper: writes Migrations/ and Seeds/ into Swift source so a copied binary
        // still carries them.
        .executableTarget(name: "EmbedResourcesTool", swiftSettings: strictSettings),
        .plugin(
            name: "EmbedResources",
            capability: .buildTool(),
            dependencies: ["EmbedResourcesTool"]
        ),
        // Helpers the test targets share: temporary databases, the package's paths.
        .target(
            name: "ErrorKBTestSupport",
            dependencies: ["ErrorKBCore", "ErrorKBStore", "ErrorKBImport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/Support",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErrorKBCoreTests",
            dependencies: [
                "ErrorKBCore", "ErrorKBStore", "ErrorKBTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErrorKBImportTests",
            dependencies: ["ErrorKBImport", "ErrorKBCore", "ErrorKBStore", "ErrorKBTestSupport"],
            exclude: ["Fixtures", "Corpus"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErrorKBServerTests",
            dependencies: [
                "ErrorKBServer",
                "ErrorKBTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErrorKBMCPTests",
            dependencies: ["ErrorKBMCP", "ErrorKBCore", "ErrorKBTestSupport", .product(name: "MCP", package: "swift-sdk")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErrorKBCLITests",
            dependencies: ["ErrorKBCLI", "ErrorKBStore", "ErrorKBTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
