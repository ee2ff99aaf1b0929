import ErrorKBCore
import Foundation

/// Where the knowledge base file lives: `--db`, else `$ERRORKB_DB`, else `./errorkb.sqlite`.
/// Both executables resolve it here, so they always agree.
public enum DatabaseLocation {
    public static let environmentVariable = "ERRORKB_DB"
    public static let defaultPath = "errorkb.sqlite"

    public static func resolve(
        option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let option, !option.isEmpty { return option }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return defaultPath
    }
}
