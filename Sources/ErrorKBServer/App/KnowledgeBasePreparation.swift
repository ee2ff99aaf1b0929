import ErrorKBCore
import ErrorKBImport
import Logging

/// Before the server serves: bring the file to the latest schema and fill an empty knowledge
/// base from the bundled seeds, on a writing connection that is closed again. The server then
/// reads through connections that cannot write.
public enum KnowledgeBasePreparation {
    public static func prepare(databasePath: String, logger: Logger) async throws -> SQLiteKnowledgeBase {
        // A file the server may not write (mode 0444, a read-only mount) is served as it is.
        if !KnowledgeBaseDatabase.isReadOnly(at: databasePath) {
            let writer = try SQLiteKnowledgeBase.openForWriting(at: databasePath)
            if try await writer.hasNeverHeldAnything() {
                let reports = try await DocumentImporter(repository: writer).importBundledSeeds(actor: "errorkb-server")
                for report in reports {
                    logger.info("seeded", metadata: ["document": "\(report.file)", "variants": "\(report.outcome.added.count)"])
                }
            }
        }
        return try SQLiteKnowledgeBase.openReadOnly(at: databasePath)
    }
}
