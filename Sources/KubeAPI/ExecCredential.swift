import Foundation
import ObjectModel

/// The credential an exec plugin printed: a bearer token and/or a client certificate and key.
///
/// The description never shows the token or the key.
public struct ExecCredential: Sendable, Equatable, CustomStringConvertible {
    /// `status.token`.
    public var token: String?
    /// `status.clientCertificateData` (PEM bytes); set together with ``clientKey``.
    public var clientCertificate: Data?
    /// `status.clientKeyData` (PEM bytes).
    public var clientKey: Data?
    /// `status.expirationTimestamp`; `nil` means valid for the life of the process.
    public var expiration: Date?

    public init(token: String? = nil, clientCertificate: Data? = nil, clientKey: Data? = nil, expiration: Date? = nil) {
        self.token = token
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.expiration = expiration
    }

    public var description: String {
        var parts: [String] = []
        if token != nil { parts.append("token: <redacted>") }
        if clientCertificate != nil { parts.append("client certificate: <redacted>") }
        if let expiration { parts.append("expires: \(expiration)") }
        return "ExecCredential(\(parts.joined(separator: ", ")))"
    }

    /// The JSON put in `KUBERNETES_EXEC_INFO` for the plugin.
    /// - Parameters:
    ///   - apiVersion: the version the kubeconfig asks for.
    ///   - interactive: whether the plugin gets standard input.
    ///   - cluster: `spec.cluster`, only when `provideClusterInfo` is set.
    static func request(apiVersion: ExecPluginConfig.APIVersion, interactive: Bool, cluster: JSONValue?) -> String {
        var spec: [String: JSONValue] = ["interactive": .bool(interactive)]
        if let cluster { spec["cluster"] = cluster }
        return CanonicalJSON.compact([
            "kind": "ExecCredential", "apiVersion": .string(apiVersion.rawValue), "spec": .object(spec),
        ])
    }

    /// Reads a plugin's standard output. Problems are described without quoting the output,
    /// which may hold a secret.
    static func parse(_ output: Data, expected: ExecPluginConfig.APIVersion, command: String)
        throws(KubeconfigError) -> ExecCredential
    {
        func invalid(_ problem: String) -> KubeconfigError { .execPluginInvalidOutput(command: command, problem: problem) }
        guard let object = try? JSONValue(parsingJSON: String(decoding: output, as: UTF8.self)),
              object.objectValue != nil
        else { throw invalid("the output is not a JSON object") }
        let found = object["apiVersion"]?.stringValue ?? ""
        guard found == expected.rawValue else {
            throw .execPluginWrongAPIVersion(command: command, expected: expected.rawValue,
                                             found: found.isEmpty ? "(none)" : String(found.prefix(80)))
        }
        guard object["kind"]?.stringValue == "ExecCredential" else { throw invalid("kind is not 'ExecCredential'") }
        guard let status = object["status"], status.objectValue != nil else { throw invalid("status is missing") }
        var credential = ExecCredential()
        for key in ["token", "clientCertificateData", "clientKeyData", "expirationTimestamp"] {
            if let value = status[key], value != .null, value.stringValue == nil {
                throw invalid("status.\(key) is not a string")
            }
        }
        credential.token = status["token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        credential.clientCertificate = status["clientCertificateData"]?.stringValue.flatMap { $0.isEmpty ? nil : Data($0.utf8) }
        credential.clientKey = status["clientKeyData"]?.stringValue.flatMap { $0.isEmpty ? nil : Data($0.utf8) }
        if (credential.clientCertificate == nil) != (credential.clientKey == nil) {
            throw invalid("status.clientCertificateData and status.clientKeyData must be given together")
        }
        if credential.token == nil && credential.clientCertificate == nil {
            throw invalid("status has neither a token nor a client certificate")
        }
        if let text = status["expirationTimestamp"]?.stringValue, !text.isEmpty {
            guard let date = parseRFC3339(text) else {
                throw invalid("status.expirationTimestamp is not an RFC 3339 time")
            }
            credential.expiration = date
        }
        return credential
    }

    /// Parses `2026-11-02T10:14:03Z`, with or without fractional seconds or a numeric offset.
    static func parseRFC3339(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
