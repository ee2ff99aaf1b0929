import ErrorKBCore
import ErrorKBImport
import Logging

/// Before the server serves: bring the file to the latest schema and fill an empty knowledge
/// base from the bundled seeds, on a writing connection that is closed again. The server then
/// reads through connections that cannot write.
public enum KnowledgeBasePreparation {
    public static func prepare(databasePath: String, logger: Logger) async throws -> SQLiteKnowledgeBase {
        do {
            let writer = try SQLiteKnowledgeBase.openForWriting(at: databasePath)
            if try await writer.isEmpty() {
                let reports = try await DocumentImporter(repository: writer).importBundledSeeds(actor: "errorkb-server")
                for report in reports {
                    logger.info("seeded", metadata: ["document": "\(report.file)", "variants": "\(report.outcome.added.count)"])
                }
            }
        }
        return try SQLiteKnowledgeBase.openReadOnly(at: databasePath)
    }
}
