/// Where an OAuth error is returned, in one vocabulary for the registry's usage locations
/// (`token error response`, `Token endpoint response`) and for how pages title their sections
/// (`Token endpoint errors`, `exchanging a code for an access token`, `/authorize error codes`).
public enum UsageLocation: String, Codable, Sendable, Hashable, CaseIterable {
    case authorizationEndpoint = "authorization endpoint"
    case tokenEndpoint = "token endpoint"
    case resourceServer = "resource server"
    case revocationEndpoint = "revocation endpoint"
    case introspectionEndpoint = "introspection endpoint"
    case registrationEndpoint = "registration endpoint"

    /// The endpoint a registry usage location names; `nil` for one that names none
    /// (`authorization server response`, which UMA uses for more than one).
    public static func ofRegistry(_ location: String) -> UsageLocation? {
        let words = CodeNameLookup.titleWords(location)
        if words.contains("implicit") || words.starts(with: ["authorization", "endpoint"]) { return .authorizationEndpoint }
        if words.first == "token" { return .tokenEndpoint }
        if words.first == "resource" { return .resourceServer }
        if words.first == "revocation" { return .revocationEndpoint }
        if words.first == "introspection" { return .introspectionEndpoint }
        if words.first == "registration" { return .registrationEndpoint }
        return nil
    }

    /// The endpoint a section's title says its errors come from, if it says one. A title that
    /// only mentions tokens ("Token-related errors") names no endpoint.
    public static func ofSection(_ title: String) -> UsageLocation? {
        let words = CodeNameLookup.titleWords(title)
        let has = { (word: String) in words.contains(word) }
        if has("revocation") || has("revoke") { return .revocationEndpoint }
        if has("introspection") || has("introspect") { return .introspectionEndpoint }
        if has("registration") && (has("client") || has("endpoint")) { return .registrationEndpoint }
        if has("resource") && (has("server") || has("protected") || has("access")) { return .resourceServer }
        if has("token"), ["endpoint", "request", "response", "error", "exchange", "exchanging"].contains(where: has) {
            return .tokenEndpoint
        }
        if has("authorize") || (has("authorization") && (has("endpoint") || has("request") || has("response"))) {
            return .authorizationEndpoint
        }
        return nil
    }
}
