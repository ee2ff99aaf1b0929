import ArgumentParser
import ErrorKBCore

struct SetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change a variant's title, description, HTTP status or section.",
        discussion: """
            Examples:
              errorkb set 404 --vendor akana --title "Not Found"
              errorkb set invalid_grant --vendor akana --section "OAuth/oauth20/token error codes" --status 401
              errorkb set 404 --vendor generic --document 003_c9016a0a350ab718.txt --no-title
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: VariantSelection

    @Argument(help: "The code whose variant to change.")
    var code: String

    @Option(help: "The new title.") var title: String?
    @Flag(help: "Remove the title.") var noTitle = false
    @Option(help: "The new description.") var description: String?
    @Option(help: "The HTTP status the code is returned with (100-599).") var status: Int?
    @Flag(help: "Remove the HTTP status.") var noStatus = false
    @Option(name: .customLong("set-section"), help: "The new section.") var newSection: String?
    @Flag(help: "Remove the section.") var noSection = false

    func validate() throws {
        // A value and its removal at once is a mistake to point out, not a choice to make for them.
        for (given, removed, name) in [(title != nil, noTitle, "title"), (status != nil, noStatus, "status"),
            (newSection != nil, noSection, "section")] where given && removed {
            throw ValidationError("give --\(name == "section" ? "set-section" : name) or --no-\(name), not both")
        }
        guard title != nil || noTitle || description != nil || status != nil || noStatus || newSection != nil || noSection else {
            throw ValidationError("nothing to change: give --title, --description, --status or --set-section")
        }
    }

    func run() async throws {
        // Given text must say something; removing a field is its own flag.
        for (field, value) in [("title", title), ("description", description), ("section", newSection)] {
            if let value, value.isBlankText {
                throw KnowledgeBaseError.invalid(field: field, reason: "must not be empty")
            }
        }
        let changes = FieldChanges(
            title: title, noTitle: noTitle, description: description, status: status, noStatus: noStatus, section: newSection,
            noSection: noSection)
        let updated = try await Self.apply(
            changes, code: code, selection: selection, in: global.openRepository(), actor: global.resolvedActor)
        CodeEntryPrinter(terminal: .current).print(variant: updated)
    }

    /// What `set` changes: a field given replaces it, a `no` flag removes it.
    struct FieldChanges: Sendable {
        var title: String?
        var noTitle = false
        var description: String?
        var status: Int?
        var noStatus = false
        var section: String?
        var noSection = false

        func apply(to content: inout VariantContent) {
            if let title { content.title = title }
            if noTitle { content.title = nil }
            if let description { content.description = description }
            if let status { content.httpStatus = status }
            if noStatus { content.httpStatus = nil }
            if let section { content.section = section }
            if noSection { content.section = nil }
        }
    }

    /// The work of `set`: the changes to the chosen variant, as one revision. Returns the
    /// variant as written.
    static func apply(
        _ changes: FieldChanges, code: String, selection: VariantSelection, in knowledgeBase: some KnowledgeBaseCuration,
        actor: String
    ) async throws -> Variant {
        let variant = try await selection.resolve(code: code, in: knowledgeBase)
        return try await knowledgeBase.editVariant(id: variant.id, actor: actor, action: "variant.update") { changes.apply(to: &$0) }
    }
}
