import ErrorKBCore
import GRDB
import GRDBSQLite

extension DatabaseError: StorageEngineFailure {
    public var storageMessage: String {
        // An error raised by one connection can carry another's last message: a backup that
        // fails on a full disk read "not an error" from the source. The result code's own
        // words ("database or disk is full") are then what happened.
        let ownWords = String(cString: sqlite3_errstr(extendedResultCode.rawValue))
        guard let message, message != "not an error", !message.isEmpty else { return ownWords }
        return message
    }
}
