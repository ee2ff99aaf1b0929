import Foundation

/// The migrations and seed documents compiled into the binary (see the EmbedResources plugin),
/// so an executable copied anywhere still has them.
public enum BundledFiles {
    /// The names of the files embedded from `folder` (`"Migrations"` or `"Seeds"`), sorted.
    public static func names(in folder: String) -> [String] {
        let prefix = folder + "/"
        return EmbeddedResources.files.keys
            .filter { $0.hasPrefix(prefix) }
            .map { String($0.dropFirst(prefix.count)) }
            .sorted()
    }

    /// The bytes of `folder/name`, or `nil` if no such file was embedded.
    public static func data(_ name: String, in folder: String) -> Data? {
        EmbeddedResources.files["\(folder)/\(name)"].flatMap { Data(base64Encoded: $0) }
    }
}
