import ArgumentParser
import ErrorKBCore
import ErrorKBImport
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole knowledge base as JSON (lossless) or CSV, or a registry table as its publisher does.",
        discussion: """
            The same data always gives the same bytes: keys and entries are sorted. The JSON \
            shape is documented in the README; `errorkb import --format json` restores it.

            `--format iana-csv` writes one registry table (--registry http-status, oauth-error \
            or oauth-status) as it was imported: byte for byte the file IANA publishes.

            Examples:
              errorkb export --format json > kb.json
              errorkb export --format csv --output kb.csv
              errorkb export --format iana-csv --registry http-status --output http-status-codes-1.csv
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv
        case ianaCSV = "iana-csv"
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "The output format.")
    var format: Format = .json

    @Option(help: "Write to this file instead of standard output (replaced atomically; created 0600).")
    var output: String?

    @Option(help: "With --format iana-csv: http-status, oauth-error or oauth-status.")
    var registry: RegistryKind?

    @Option(help: "With --format iana-csv: the imported file to write; without it, the registry's current copy (the newest --as-of the registry published).")
    var document: String?

    func validate() throws {
        if format == .ianaCSV, registry == nil {
            throw ValidationError("--format iana-csv needs --registry (\(RegistryKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if format != .ianaCSV, registry != nil || document != nil {
            throw ValidationError("--registry and --document go with --format iana-csv")
        }
    }

    func run() async throws {
        let repository = try global.openForReading()
        if format == .ianaCSV, let registry {
            let text = try await Self.registryTable(registry, document: document, in: repository)
            guard let output else { return StandardOutput.shared.write(text) }
            return try OutputFile.write(Array(text.utf8), to: output)
        }
        let export = try await repository.export()
        let text = format == .json ? try JSONOutput.string(export) + "\n" : CSVExport.render(export)
        guard let output else {
            print(text, terminator: "")
            return
        }
        try OutputFile.write(Array(text.utf8), to: output)
    }

    /// The registry table `kind` as its current document holds it, in the publisher's CSV.
    static func registryTable(_ kind: RegistryKind, document: String?, in knowledgeBase: some KnowledgeBaseReading) async throws
        -> String
    {
        let copies = try await knowledgeBase.registryCopies().filter { $0.kind == kind }
        let chosen: RegistryCopy
        if let document {
            guard let named = copies.first(where: { $0.document == document }) else {
                throw KnowledgeBaseError.unknownDocument("\(document) (no document holds the \(kind.rawValue) registry under that name)")
            }
            chosen = named
        } else {
            // The copy that answers for the registry: the newest the registry itself published.
            guard let current = RegistryCopy.current(among: copies).first else {
                throw KnowledgeBaseError.unknownDocument("any holding the \(kind.rawValue) registry")
            }
            chosen = current
        }
        let records = try await knowledgeBase.registryRecords(inDocument: chosen.documentID)
        return try RegistryCSV.export(kind, rows: records.map(\.row))
    }
}
