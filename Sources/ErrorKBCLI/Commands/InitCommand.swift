import ArgumentParser
import ErrorKBCore
import ErrorKBImport

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create, migrate and fill a knowledge base from the seed documents.",
        discussion: """
            Does nothing to a knowledge base that already holds data.

            Example:
              errorkb init --db ./errorkb.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let repository = try global.openRepository()
        guard try await repository.isEmpty() else {
            print("\(global.databasePath) already holds data; nothing imported")
            return
        }
        let reports = try await DocumentImporter(repository: repository).importBundledSeeds(actor: global.resolvedActor)
        for report in reports { print(report.summary) }
    }
}
