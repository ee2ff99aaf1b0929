import Foundation

/// Writing all of some bytes to a file descriptor, the one loop standard output and
/// `--output` files share: `write(2)` may write less than asked, or be interrupted.
enum DescriptorWriting {
    /// Writes every byte; the `errno` of the write that failed, or nil when all were written.
    static func writeAll(_ bytes: ArraySlice<UInt8>, to descriptor: Int32) -> Int32? {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
