import GRDB

enum StorageErrors {
    static func message(for error: any Error) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        return error.message ?? error.description
    }
}
