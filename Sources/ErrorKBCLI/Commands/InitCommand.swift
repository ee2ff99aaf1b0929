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
        let repository = try global.openRepository()
        guard try await repository.hasNeverHeldAnything() else {
            print("\(global.databasePath) holds data or has a history; nothing imported")
            return
        }
        let reports = try await DocumentImporter(knowledgeBase: repository).importBundledSeeds(actor: global.resolvedActor)
        for report in reports { print(report.summary) }
    }
}
