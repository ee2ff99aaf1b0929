import ArgumentParser

/// `errorkb`: the admin CLI of the error knowledge base.
public struct ErrorKBCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "errorkb",
        abstract: "Look up, import and curate the error knowledge base.",
        discussion: """
            The database is --db PATH, else $ERRORKB_DB, else ./errorkb.sqlite; it is created and \
            migrated on first use.

            Exit codes: 0 success; 1 unexpected failure (I/O, database); 3 not found; \
            4 conflict (ambiguous choice, already exists, changed since); 5 refused input \
            (invalid value, unreadable or unrecognised document); 64 bad usage.
            """,
        version: "0.1.0",
        subcommands: [
            ShowCommand.self, ListCommand.self, SearchCommand.self, DivergencesCommand.self,
            SetCommand.self, EditCommand.self, CauseCommand.self, FixCommand.self,
            CodeCommand.self, VariantCommand.self, VendorCommand.self, RetryCommand.self,
            HistoryCommand.self, RevertCommand.self,
            ImportCommand.self, ParseCommand.self, ExportCommand.self, BackupCommand.self, InitCommand.self, MigrateCommand.self,
            OptimizeCommand.self, MCPCommand.self,
        ]
    )

    public init() {}
}
