import Foundation
import PackagePlugin

/// Embeds files into the target as Swift source, so a release binary copied anywhere still
/// carries them: `Migrations/*.sql` into the store, `Seeds/*` into the importer, and `Pages/*`
/// (templates and stylesheet) into the server.
@main
struct EmbedResources: BuildToolPlugin {
    /// Which folders of the package each target carries.
    static let folders = ["ErrorKBStore": ["Migrations"], "ErrorKBImport": ["Seeds"], "ErrorKBServer": ["Pages"]]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        let folders = (Self.folders[target.name] ?? []).map { root.appending(path: $0) }
        let inputs = try folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { !$0.lastPathComponent.hasPrefix(".") }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(folders.map(\.lastPathComponent).joined(separator: ", ")) into \(target.name)",
                executable: try context.tool(named: "EmbedResourcesTool").url,
                arguments: [output.path()] + folders.map { $0.path() },
                inputFiles: inputs + folders,
                outputFiles: [output]
            ),
        ]
    }
}
