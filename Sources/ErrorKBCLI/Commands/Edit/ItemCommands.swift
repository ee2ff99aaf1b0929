import ArgumentParser
import ErrorKBCore

/// Causes or fixes: the two ordered lists of a variant, edited the same way.
enum VariantList: Sendable {
    case causes, fixes

    func items(of content: VariantContent) -> [String] { self == .causes ? content.causes : content.fixes }
    func items(of variant: Variant) -> [String] { self == .causes ? variant.causes : variant.fixes }

    func set(_ items: [String], in content: inout VariantContent) {
        if self == .causes { content.causes = items } else { content.fixes = items }
    }
}

protocol ItemList: SendableMetatype {
    static var name: String { get }
    static var plural: String { get }
    static var list: VariantList { get }
}

enum CauseList: ItemList {
    static var name: String { "cause" }
    static var plural: String { "causes" }
    static var list: VariantList { .causes }
}

enum FixList: ItemList {
    static var name: String { "fix" }
    static var plural: String { "fixes" }
    static var list: VariantList { .fixes }
}

struct CauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cause", abstract: "Add, change, reorder or remove a variant's causes.",
        subcommands: [ItemAdd<CauseList>.self, ItemSet<CauseList>.self, ItemMove<CauseList>.self, ItemRemove<CauseList>.self])
}

struct FixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix", abstract: "Add, change, reorder or remove a variant's fixes.",
        subcommands: [ItemAdd<FixList>.self, ItemSet<FixList>.self, ItemMove<FixList>.self, ItemRemove<FixList>.self])
}

/// Applies one change to one list of the chosen variant, as one revision, and prints the list.
private func editItems<List: ItemList>(
    _ list: List.Type, code: String, selection: VariantSelection, global: GlobalOptions, action: String,
    _ change: @escaping @Sendable (inout [String]) throws -> Void
) async throws {
    let updated = try await editItems(
        list, code: code, selection: selection, in: global.openRepository(), actor: global.resolvedActor, action: action, change)
    let items = List.list.items(of: updated)
    print("\(List.plural) of \(updated.code) (\(updated.vendor)\(updated.document.map { ", \($0)" } ?? "")):")
    for (index, item) in items.enumerated() { print("  \(index + 1). \(item)") }
}

/// The work of every item command: one change to one list of the chosen variant, as one
/// revision named `List.name`.`action`. Returns the variant as written.
func editItems<List: ItemList>(
    _ list: List.Type, code: String, selection: VariantSelection, in knowledgeBase: some KnowledgeBaseCuration, actor: String,
    action: String, _ change: @escaping @Sendable (inout [String]) throws -> Void
) async throws -> Variant {
    let variant = try await selection.resolve(code: code, in: knowledgeBase)
    let list = List.list
    return try await knowledgeBase.editVariant(id: variant.id, actor: actor, action: "\(List.name).\(action)") {
        var items = list.items(of: $0)
        try change(&items)
        list.set(items, in: &$0)
    }
}

/// A 1-based position in a list, checked against it.
private func index(_ position: Int, in items: [String], list: String) throws -> Int {
    guard position >= 1, position <= items.count else {
        throw KnowledgeBaseError.invalid(field: list, reason: "there is no \(list) \(position) (the variant has \(items.count))")
    }
    return position - 1
}

struct ItemAdd<List: ItemList>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "add", abstract: "Add a \(List.name) (at the end, or --at a position).",
            discussion: "Example:\n  errorkb \(List.name) add 404 --vendor akana \"The path has a typo.\"")
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: VariantSelection
    @Argument(help: "The code.") var code: String
    @Argument(help: "The text, one sentence.") var text: String
    @Option(help: "The 1-based position to insert at.") var at: Int?

    func run() async throws {
        let (text, at) = (self.text, self.at)
        try await editItems(List.self, code: code, selection: selection, global: global, action: "add") { items in
            let position = at ?? items.count + 1
            guard (1...items.count + 1).contains(position) else {
                throw KnowledgeBaseError.invalid(field: "--at", reason: "must be 1 to \(items.count + 1)")
            }
            items.insert(text, at: position - 1)
        }
    }
}

struct ItemSet<List: ItemList>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "set", abstract: "Change the text of a \(List.name).",
            discussion: "Example:\n  errorkb \(List.name) set 401 --vendor generic 2 \"Re-issue the token.\"")
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: VariantSelection
    @Argument(help: "The code.") var code: String
    @Argument(help: "The 1-based number of the \(List.name).") var number: Int
    @Argument(help: "The new text.") var text: String

    func run() async throws {
        let (number, text) = (self.number, self.text)
        try await editItems(List.self, code: code, selection: selection, global: global, action: "update") { items in
            items[try index(number, in: items, list: List.name)] = text
        }
    }
}

struct ItemMove<List: ItemList>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "move", abstract: "Move a \(List.name) to another position.",
            discussion: "Example:\n  errorkb \(List.name) move 401 --vendor generic 3 1")
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: VariantSelection
    @Argument(help: "The code.") var code: String
    @Argument(help: "The 1-based number of the \(List.name) to move.") var from: Int
    @Argument(help: "The 1-based position it moves to.") var to: Int

    func run() async throws {
        let (from, to) = (self.from, self.to)
        try await editItems(List.self, code: code, selection: selection, global: global, action: "move") { items in
            let source = try index(from, in: items, list: List.name)
            let target = try index(to, in: items, list: List.name)
            let item = items.remove(at: source)
            items.insert(item, at: target)
        }
    }
}

struct ItemRemove<List: ItemList>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "rm", abstract: "Remove a \(List.name).",
            discussion: "Example:\n  errorkb \(List.name) rm 401 --vendor generic --document 001_ae84c84f41ee20ec.txt 2")
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: VariantSelection
    @Argument(help: "The code.") var code: String
    @Argument(help: "The 1-based number of the \(List.name) to remove.") var number: Int

    func run() async throws {
        let number = self.number
        try await editItems(List.self, code: code, selection: selection, global: global, action: "remove") { items in
            items.remove(at: try index(number, in: items, list: List.name))
        }
    }
}
