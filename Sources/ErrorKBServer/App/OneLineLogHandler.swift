import Logging

/// Every log entry on one line, whatever it carries: a 500's entry quoted the failing SQL,
/// which spans lines, and a request's path or an error can hold line breaks and control
/// characters. A reader of the log (or a log shipper) takes a line for an entry, so a line
/// break in a value could end one entry and forge the next. Wraps the handler the server
/// would use anyway, and escapes message, metadata and attached error alike.
struct OneLineLogHandler: LogHandler {
    var wrapped: any LogHandler

    init(wrapping handler: any LogHandler) {
        wrapped = handler
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: Self.oneLine(event.message.description))
        var metadata = event.metadata?.mapValues(Self.oneLine)
        if let error = event.error {
            metadata = (metadata ?? [:]).merging(["error": .string(Self.oneLine(String(reflecting: error)))]) { kept, _ in kept }
            event.error = nil
        }
        event.metadata = metadata
        wrapped.log(event: event)
    }

    private static func oneLine(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(oneLine(text))
        case .stringConvertible(let convertible): .string(oneLine(convertible.description))
        case .dictionary(let dictionary): .dictionary(dictionary.mapValues(oneLine))
        case .array(let array): .array(array.map(oneLine))
        }
    }

    /// Line breaks as `\n` and `\r`, other control characters and Unicode's line and paragraph
    /// separators as `\u{…}`; everything else as it is.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case _ where needsEscape(scalar): escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && (scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}")
    }
}
