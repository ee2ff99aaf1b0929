import Crypto

/// The fingerprint a document is known by: re-importing the same bytes is recognised as such.
public enum Checksum {
    /// Lowercase hex SHA-256.
    public static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(bytes)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
