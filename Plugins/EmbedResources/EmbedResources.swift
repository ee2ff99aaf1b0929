import Foundation
import PackagePlugin

/// Embeds `Migrations/*.sql` and `Seeds/*` into the target as Swift source, so a release binary
/// copied anywhere still carries its schema and its first corpus.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        let folders = ["Migrations", "Seeds"].map { root.appending(path: $0) }
        let inputs = try folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { !$0.lastPathComponent.hasPrefix(".") }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding migrations and seeds",
                executable: try context.tool(named: "EmbedResourcesTool").url,
                arguments: [output.path()] + folders.map { $0.path() },
                inputFiles: inputs + folders,
                outputFiles: [output]
            ),
        ]
    }
}
