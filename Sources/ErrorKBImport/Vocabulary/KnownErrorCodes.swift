/// String error codes whose family is known: the IANA OAuth Extensions Error Registry (RFC 6749,
/// RFC 6750, RFC 8628, RFC 8693, RFC 9126, RFC 9449, OpenID Connect Core, ...). A code found in
/// a document is OAuth when it is listed here or stands under an OAuth heading.
enum KnownErrorCodes {
    static let oauth: Set<String> = [
        // RFC 6749
        "invalid_request", "unauthorized_client", "access_denied", "unsupported_response_type", "invalid_scope",
        "server_error", "temporarily_unavailable", "invalid_client", "invalid_grant", "unsupported_grant_type",
        // RFC 6750
        "invalid_token", "insufficient_scope",
        // RFC 7009, RFC 7591, RFC 8628, RFC 8693, RFC 8707, RFC 9126, RFC 9449, RFC 9470
        "unsupported_token_type", "invalid_redirect_uri", "invalid_client_metadata", "invalid_software_statement",
        "unapproved_software_statement", "authorization_pending", "slow_down", "expired_token", "invalid_target",
        "invalid_request_uri", "invalid_request_object", "invalid_dpop_proof", "use_dpop_nonce",
        "insufficient_user_authentication",
        // OpenID Connect Core
        "interaction_required", "login_required", "account_selection_required", "consent_required",
        "request_not_supported", "request_uri_not_supported", "registration_not_supported",
    ]

    /// True when the words point at OAuth or OpenID Connect.
    static func mentionsOAuth(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.containsBytesIgnoringCase("oauth") || text.containsBytesIgnoringCase("openid")
            || text.containsBytesIgnoringCase("oidc")
    }
}
