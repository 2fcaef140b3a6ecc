/// The server's default `imagePullPolicy` for an image reference.
///
/// `Always` when the tag is `latest` or the reference has neither tag nor digest, otherwise
/// `IfNotPresent`; a reference that does not parse also gives `IfNotPresent`, as the server
/// ignores the parse error there.
enum ImagePullPolicy {
    static func `default`(for image: String) -> String {
        guard let reference = ImageReference(image) else { return "IfNotPresent" }
        if reference.tag == "latest" { return "Always" }
        if reference.tag == nil, reference.digest == nil { return "Always" }
        return "IfNotPresent"
    }
}

/// The parts of a container image reference that decide its pull policy, following the
/// distribution reference grammar closely enough to reject what the server cannot parse.
struct ImageReference: Equatable {
    var name: String
    var tag: String?
    var digest: String?

    init?(_ text: String) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            let digest = rest[rest.index(after: at)...]
            guard Self.isDigest(digest) else { return nil }
            self.digest = String(digest)
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            let tag = rest[rest.index(after: colon)...]
            guard Self.isTag(tag) else { return nil }
            self.tag = String(tag)
            rest = rest[..<colon]
        }
        guard Self.isName(rest) else { return nil }
        name = String(rest)
    }

    private static func isTag(_ tag: Substring) -> Bool {
        guard let first = tag.first, tag.count <= 128, first.isWordCharacter, first != "." && first != "-" else { return false }
        return tag.allSatisfy { $0.isWordCharacter || $0 == "." || $0 == "-" }
    }

    private static func isDigest(_ digest: Substring) -> Bool {
        guard let colon = digest.firstIndex(of: ":") else { return false }
        let algorithm = digest[..<colon], hex = digest[digest.index(after: colon)...]
        return !algorithm.isEmpty && hex.count >= 32
            && algorithm.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+._-".contains($0)) }
            && hex.allSatisfy { $0.isHexDigit }
    }

    /// An optional registry host (with port), then lower-case path components.
    private static func isName(_ name: Substring) -> Bool {
        var components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, components.allSatisfy({ !$0.isEmpty }) else { return false }
        if components.count > 1, let first = components.first,
            first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first
        {
            components.removeFirst()
            guard first.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }) else { return false }
        }
        // A bare 64-hex-digit name is refused: it would be mistaken for an image id.
        if components.count == 1, components[0].count == 64, components[0].allSatisfy(\.isHexDigit) { return false }
        return components.allSatisfy(isPathComponent)
    }

    private static func isPathComponent(_ component: Substring) -> Bool {
        guard let first = component.first, let last = component.last,
            first.isLowercaseAlphanumeric, last.isLowercaseAlphanumeric
        else { return false }
        return component.allSatisfy { $0.isLowercaseAlphanumeric || $0 == "." || $0 == "_" || $0 == "-" }
    }
}

extension Character {
    fileprivate var isWordCharacter: Bool { isASCII && (isLetter || isNumber || self == "_") }
    fileprivate var isLowercaseAlphanumeric: Bool { isASCII && (isNumber || (isLetter && isLowercase)) }
}
