import ArgumentParser
import ErrorKBCore
import ErrorKBImport
import Foundation

struct EditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit a variant in $EDITOR; the changes are checked and applied as one revision.",
        discussion: """
            Opens the variant as a readable document: title, HTTP status, section, description, \
            causes and fixes. On save the changes are validated; an invalid edit is reported, \
            nothing is written, and your text is kept in a file named in the message.

            Example:
              EDITOR=nano errorkb edit 404 --vendor akana
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: VariantSelection
    @Argument(help: "The code whose variant to edit.") var code: String

    func run() async throws {
        let repository = try global.openRepository()
        let variant = try await selection.resolve(code: code, in: repository)
        let original = VariantEditDocument.render(variant)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("errorkb-edit-\(variant.id)-\(UUID().uuidString).txt")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(original.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CLIFailure(message: "cannot create \(file.path)")
        }
        try runEditor(on: file.path)
        let edited = try Self.readEdit(file.path)
        guard edited != original else {
            try? FileManager.default.removeItem(at: file)
            print("no changes")
            return
        }
        let content: VariantContent
        do {
            content = try VariantEditDocument.parse(edited).validated()
        } catch {
            throw CLIFailure(message: "\(error); nothing was written; your edit is kept in \(file.path)", code: 5)
        }
        do {
            let updated = try await repository.editVariant(id: variant.id, actor: global.resolvedActor, action: "variant.edit") {
                $0 = content
            }
            try? FileManager.default.removeItem(at: file)
            CodeEntryPrinter(terminal: .current).print(variant: updated)
        } catch let error as KnowledgeBaseError {
            throw CLIFailure(message: "\(error); nothing was written; your edit is kept in \(file.path)", code: ErrorKBMain.exitCode(for: error))
        }
    }

    /// The saved edit, or a refusal that says nothing was written and where the text is, if it
    /// still is: an editor may delete the file, or save it in another encoding.
    private static func readEdit(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(message: "the edited file \(path) is gone (did the editor delete or move it?); nothing was written", code: 5)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let offset = SourceText.firstInvalidUTF8Offset(Array(data)) ?? 0
            throw CLIFailure(
                message: "the edit is not UTF-8 (first bad byte at offset \(offset)); nothing was written; your edit is kept in \(path)",
                code: 5)
        }
        return text
    }

    /// `$VISUAL`, else `$EDITOR`, else `vi`, through the shell so `EDITOR="code --wait"` works.
    private func runEditor(on path: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "errorkb-editor", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw CLIFailure(message: "the editor (\(editor)) failed; nothing was written; the text is in \(path)", code: 1)
        }
    }
}
