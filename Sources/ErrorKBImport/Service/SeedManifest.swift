import ErrorKBCore
import Foundation

/// `Seeds/manifest.json`: the vendors of the first corpus and which vendor each seed belongs to.
public struct SeedManifest: Codable, Sendable, Hashable {
    public struct Entry: Codable, Sendable, Hashable {
        public var file: String
        public var vendor: String
        /// For a registry table: the day the copy was taken from its publisher.
        public var asOf: String?

        enum CodingKeys: String, CodingKey {
            case file, vendor, asOf = "as_of"
        }
    }

    public var vendors: [Vendor]
    public var documents: [Entry]
    /// The retry guidance a new knowledge base starts with (`retry-guidance.csv`).
    public var retryGuidance: String?

    enum CodingKeys: String, CodingKey {
        case vendors, documents, retryGuidance = "retry_guidance"
    }

    public static let fileName = "manifest.json"

    /// The manifest compiled into the binary.
    public static func bundled() throws -> SeedManifest {
        guard let data = BundledFiles.data(fileName, in: "Seeds") else {
            throw KnowledgeBaseError.schema("no Seeds/manifest.json was embedded in this binary; rebuild it")
        }
        return try JSONDecoder().decode(SeedManifest.self, from: data)
    }

    /// The manifest in `folder`, if there is one.
    public static func load(inFolder folder: URL) throws -> SeedManifest? {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(SeedManifest.self, from: Data(contentsOf: url))
    }

    /// The vendor the manifest gives `file`, with its name and kind.
    public func vendor(forFile file: String) -> Vendor? {
        guard let slug = documents.first(where: { $0.file == file })?.vendor else { return nil }
        return vendor(slug: slug)
    }

    public func vendor(slug: String) -> Vendor? {
        vendors.first { $0.slug == slug }
    }
}
