import ArgumentParser
import ErrorKBCore
import ErrorKBImport

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create, migrate and fill a knowledge base from the seed documents.",
        discussion: """
            Does nothing to a knowledge base that holds data or ever did (one emptied by \
            reverts or deletes stays empty).

            Example:
              errorkb init --db ./errorkb.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard let reports = try await Self.seed(global.openRepository(), actor: global.resolvedActor) else {
            print("\(global.databasePath) holds data or has a history; nothing imported")
            return
        }
        for report in reports { print(report.summary) }
    }

    /// Fills a knowledge base that never held anything from the bundled seeds; nil, and nothing
    /// written, for one that holds data or has a history.
    static func seed(_ knowledgeBase: some KnowledgeBaseCuration, actor: String) async throws -> [ImportReport]? {
        guard try await knowledgeBase.hasNeverHeldAnything() else { return nil }
        return try await DocumentImporter(knowledgeBase: knowledgeBase).importBundledSeeds(actor: actor)
    }
}
