/// Who publishes a document: a vendor, a general guide, a standard, or a registry (IANA's).
public enum VendorKind: String, Codable, Sendable, CaseIterable {
    case vendor, guide, standard, registry
}

/// A source of error documentation (`akana`, `generic`, `rfc7231`, ...).
public struct Vendor: Codable, Sendable, Hashable {
    public var slug: String
    public var name: String
    public var kind: VendorKind

    public init(slug: String, name: String, kind: VendorKind) {
        self.slug = slug
        self.name = name
        self.kind = kind
    }

    /// Slugs are lowercase ASCII letters, digits and hyphens, starting with a letter or digit.
    public static let slugPattern = "^[a-z0-9][a-z0-9-]{0,63}$"

    /// Whether `slug` has the form `slugPattern` describes.
    public static func isValidSlug(_ slug: String) -> Bool {
        guard let first = slug.utf8.first, first != UInt8(ascii: "-"), slug.utf8.count <= 64 else {
            return false
        }
        return slug.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
        }
    }
}

/// A vendor with what the knowledge base holds from it.
public struct VendorSummary: Codable, Sendable, Hashable {
    public var vendor: Vendor
    public var documentCount: Int
    public var variantCount: Int
    public var codeCount: Int

    public init(vendor: Vendor, documentCount: Int, variantCount: Int, codeCount: Int) {
        self.vendor = vendor
        self.documentCount = documentCount
        self.variantCount = variantCount
        self.codeCount = codeCount
    }
}
