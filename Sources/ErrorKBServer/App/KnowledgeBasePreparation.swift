import ErrorKBCore
import ErrorKBImport
import ErrorKBStore
import Logging

/// Before the server serves: bring the file to the latest schema and fill an empty knowledge
/// base from the bundled seeds, on a writing store that is closed again. The server then
/// reads through a store whose connections cannot write.
public enum KnowledgeBasePreparation {
    public static func prepare(databasePath: String, logger: Logger) async throws -> KnowledgeBaseStore {
        // A file the server may not write (mode 0444, a read-only mount) is served as it is.
        let preparing = try KnowledgeBaseStore.openForReading(at: databasePath)
        do {
            if !preparing.isReadOnly, try await preparing.hasNeverHeldAnything() {
                let reports = try await DocumentImporter(knowledgeBase: preparing).importBundledSeeds(actor: "errorkb-server")
                for report in reports {
                    logger.info("seeded", metadata: ["document": "\(report.file)", "variants": "\(report.outcome.added.count)"])
                }
            }
            try preparing.close()
        } catch {
            try? preparing.close()
            throw error
        }
        return try KnowledgeBaseStore.openReadOnly(at: databasePath)
    }
}
