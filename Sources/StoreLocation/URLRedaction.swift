/// The ledger URL as the user wrote it, with every password replaced by `***`, for error messages.
///
/// It does not need the URL to be valid, so that an error about a malformed URL can still name it.
/// Passwords are the part after `user:` before the `@` of the authority, and the value of every
/// `password=` query parameter. When an `@` appears past the authority (a password holding a raw
/// `/` or `?`, which the parser refuses), everything between `://` and the last `@` is hidden.
/// Like ``ConnectionURI``, it splits on Unicode scalars, never on characters.
enum URLRedaction {
    typealias Scalars = Substring.UnicodeScalarView

    /// What stands in for a password.
    static let mask = "***"

    /// The value with its passwords replaced by ``mask`` and control characters escaped.
    static func redacted(_ value: String) -> String {
        let scalars = value.unicodeScalars[...]
        guard let restStart = indexAfterSchemeSeparator(scalars) else { return PercentEncoding.oneLine(value) }
        let prefix = String(Substring(scalars[..<restStart]))
        var rest = scalars[restStart...]
        if let question = rest.firstIndex(of: "?") {
            let query = redactedQuery(rest[rest.index(after: question)...])
            rest = (Substring(rest[...question]) + query).unicodeScalars[...]
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        if rest.dropFirst(authority.count).contains("@"), let at = rest.lastIndex(of: "@") {
            // Credentials that spill past the authority: hide everything up to the last `@`.
            return PercentEncoding.oneLine(prefix + mask + Substring(rest[at...]))
        }
        guard let at = authority.lastIndex(of: "@") else { return PercentEncoding.oneLine(prefix + Substring(rest)) }
        return PercentEncoding.oneLine(prefix + redactedUserInfo(authority[..<at]) + Substring(rest[at...]))
    }

    /// Where what follows the first `://` starts.
    static func indexAfterSchemeSeparator(_ scalars: Scalars) -> Scalars.Index? {
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if scalars[index...].starts(with: "://".unicodeScalars) {
                return scalars.index(index, offsetBy: 3)
            }
            index = scalars.index(after: index)
        }
        return nil
    }

    /// `user:password` → `user:***`; `user` unchanged.
    private static func redactedUserInfo(_ userInfo: Scalars) -> String {
        guard let colon = userInfo.firstIndex(of: ":") else { return String(Substring(userInfo)) }
        return Substring(userInfo[..<colon]) + ":" + mask
    }

    /// The query with the value of each `password` parameter (and of each whose name cannot be
    /// decoded, which might be one) replaced by ``mask``.
    private static func redactedQuery(_ query: Scalars) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { parameter in
            guard let equals = parameter.firstIndex(of: "=") else { return String(Substring(parameter)) }
            let name = Substring(parameter[..<equals])
            switch PercentEncoding.decoded(name) {
            case .success(let decoded) where decoded != "password":
                return String(Substring(parameter))
            default:
                return name + "=" + mask
            }
        }.joined(separator: "&")
    }
}
