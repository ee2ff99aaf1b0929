import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

extension FileHandle {
    /// Everything up to end of file. Foundation's `readDataToEndOfFile()` traps (a `try!`
    /// inside) when a signal interrupts `read(2)`, and a test process running many child
    /// processes at once meets `EINTR`: one such trap took a whole CI run down. This reads
    /// with `read(2)` itself and reads again when interrupted.
    public func readAll() throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { bytes in
                Glibc.read(fileDescriptor, bytes.baseAddress, bytes.count)
            }
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
            } else if count == 0 {
                return data
            } else if errno != EINTR {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
    }
}

/// A pipe read to its end on a thread of its own, so that a child writing to two pipes cannot
/// fill one while this process waits for the other to end.
public final class BackgroundRead: Sendable {
    private let result = Mutex<Result<Data, any Error>?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    public init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            let read = Result { try handle.readAll() }
            result.withLock { $0 = read }
            finished.signal()
        }
        thread.start()
    }

    /// What was read, once the writing end has closed.
    public func wait() throws -> Data {
        finished.wait()
        return try result.withLock { $0 }?.get() ?? Data()
    }
}
