import Foundation
import ObjectModel

/// Reads one kubeconfig file into a ``Kubeconfig``, keeping where every entry was written.
///
/// Unknown fields are ignored, as client-go does; fields it knows must have the right shape.
/// Relative file references resolve against `folder`, the folder of the kubeconfig file.
struct KubeconfigParser {
    /// The file's name as the user gave it, used in messages.
    var file: String
    /// The folder relative references resolve against.
    var folder: String

    init(file: String) {
        self.file = file
        self.folder = (file as NSString).deletingLastPathComponent
    }

    func parse(_ data: Data) throws(KubeconfigError) -> Kubeconfig {
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidYAML(file: file, location: nil, problem: "the file is not valid UTF-8")
        }
        let documents: [SourceDocument]
        do {
            documents = try SourceDocument.parse(text)
        } catch {
            throw .invalidYAML(file: file, location: error.location, problem: error.problem)
        }
        var config = Kubeconfig(files: [file])
        guard let root = documents.first?.root else { return config }
        let top = try members(of: root, field: "the kubeconfig")
        if let kind = try string(top["kind"], field: "kind"), kind != "Config" {
            throw invalid(top["kind"], "kind", "expected 'Config', found '\(kind)'")
        }
        config.currentContext = try string(top["current-context"], field: "current-context")
        config.clusters = try namedList(top["clusters"], list: "clusters", item: "cluster", read: cluster)
        config.users = try namedList(top["users"], list: "users", item: "user", read: user)
        config.contexts = try namedList(top["contexts"], list: "contexts", item: "context", read: context)
        return config
    }

    // MARK: Entries

    private func cluster(_ name: String, _ node: SourceNode?, _ field: String, _ origin: KubeconfigOrigin)
        throws(KubeconfigError) -> Kubeconfig.Cluster
    {
        var cluster = Kubeconfig.Cluster(name: name, origin: origin)
        let fields = try members(of: node, field: field)
        cluster.server = try string(fields["server"], field: "\(field).server")
        cluster.serverOrigin = fields["server"].map(self.origin)
        cluster.certificateAuthority = try path(fields["certificate-authority"], field: "\(field).certificate-authority")
        cluster.certificateAuthorityData = try base64(
            fields["certificate-authority-data"], field: "\(field).certificate-authority-data")
        cluster.insecureSkipTLSVerify = try bool(fields["insecure-skip-tls-verify"], field: "\(field).insecure-skip-tls-verify")
        cluster.tlsServerName = try string(fields["tls-server-name"], field: "\(field).tls-server-name")
        cluster.proxyURL = try string(fields["proxy-url"], field: "\(field).proxy-url")
        cluster.disableCompression = try bool(fields["disable-compression"], field: "\(field).disable-compression")
        for item in try sequence(fields["extensions"], field: "\(field).extensions") {
            let ext = try members(of: item, field: "\(field).extensions")
            if try string(ext["name"], field: "\(field).extensions.name") == "client.authentication.k8s.io/exec" {
                cluster.execExtension = ext["extension"]?.jsonValue
            }
        }
        return cluster
    }

    private func user(_ name: String, _ node: SourceNode?, _ field: String, _ origin: KubeconfigOrigin)
        throws(KubeconfigError) -> Kubeconfig.User
    {
        var user = Kubeconfig.User(name: name, origin: origin)
        let fields = try members(of: node, field: field)
        user.clientCertificate = try path(fields["client-certificate"], field: "\(field).client-certificate")
        user.clientCertificateData = try base64(fields["client-certificate-data"], field: "\(field).client-certificate-data")
        user.clientKey = try path(fields["client-key"], field: "\(field).client-key")
        user.clientKeyData = try base64(fields["client-key-data"], field: "\(field).client-key-data")
        user.token = try string(fields["token"], field: "\(field).token")
        user.tokenFile = try path(fields["tokenFile"], field: "\(field).tokenFile")
        user.username = try string(fields["username"], field: "\(field).username")
        user.password = try string(fields["password"], field: "\(field).password")
        if let provider = fields["auth-provider"], !provider.isNull { user.authProvider = self.origin(provider) }
        if let exec = fields["exec"], !exec.isNull {
            user.exec = try execConfig(exec, field: "\(field).exec")
        }
        return user
    }

    private func context(_ name: String, _ node: SourceNode?, _ field: String, _ origin: KubeconfigOrigin)
        throws(KubeconfigError) -> Kubeconfig.Context
    {
        var context = Kubeconfig.Context(name: name, origin: origin)
        let fields = try members(of: node, field: field)
        context.cluster = try string(fields["cluster"], field: "\(field).cluster")
        context.user = try string(fields["user"], field: "\(field).user")
        context.namespace = try string(fields["namespace"], field: "\(field).namespace")
        return context
    }

    private func execConfig(_ node: SourceNode, field: String) throws(KubeconfigError) -> ExecPluginConfig {
        let fields = try members(of: node, field: field)
        let versions = ExecPluginConfig.APIVersion.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        guard let versionText = try string(fields["apiVersion"], field: "\(field).apiVersion") else {
            throw invalid(node, "\(field).apiVersion", "required; use one of \(versions)")
        }
        guard let version = ExecPluginConfig.APIVersion(rawValue: versionText) else {
            throw invalid(fields["apiVersion"], "\(field).apiVersion", "unsupported value '\(versionText)'; use one of \(versions)")
        }
        guard var command = try string(fields["command"], field: "\(field).command") else {
            throw invalid(node, "\(field).command", "required; name the credential plugin program")
        }
        if command.contains("/") && !command.hasPrefix("/") { command = resolved(command) }
        var config = ExecPluginConfig(apiVersion: version, command: command)
        for item in try sequence(fields["args"], field: "\(field).args") {
            config.args.append(try string(item, field: "\(field).args") ?? "")
        }
        for item in try sequence(fields["env"], field: "\(field).env") {
            let entry = try members(of: item, field: "\(field).env")
            guard let name = try string(entry["name"], field: "\(field).env.name") else {
                throw invalid(item, "\(field).env", "each entry needs a 'name'")
            }
            config.env.append(.init(name: name, value: try string(entry["value"], field: "\(field).env[name=\(name)].value") ?? ""))
        }
        config.installHint = try string(fields["installHint"], field: "\(field).installHint")
        config.provideClusterInfo = try bool(fields["provideClusterInfo"], field: "\(field).provideClusterInfo")
        let modes = ExecPluginConfig.InteractiveMode.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        if let modeText = try string(fields["interactiveMode"], field: "\(field).interactiveMode") {
            guard let mode = ExecPluginConfig.InteractiveMode(rawValue: modeText) else {
                throw invalid(fields["interactiveMode"], "\(field).interactiveMode", "unsupported value '\(modeText)'; use one of \(modes)")
            }
            config.interactiveMode = mode
        } else if version == .v1 {
            throw invalid(node, "\(field).interactiveMode", "required for \(version.rawValue); use one of \(modes)")
        }
        return config
    }

    // MARK: Shapes

    /// Reads `clusters`, `users` or `contexts`: a list of `{name, <item>}`, names unique in the file.
    private func namedList<Entry>(
        _ node: SourceNode?, list: String, item: String,
        read: (String, SourceNode?, String, KubeconfigOrigin) throws(KubeconfigError) -> Entry
    ) throws(KubeconfigError) -> [String: Entry] {
        var entries: [String: Entry] = [:]
        for (index, element) in try sequence(node, field: list).enumerated() {
            let fields = try members(of: element, field: "\(list)[\(index)]")
            guard let name = try string(fields["name"], field: "\(list)[\(index)].name"), !name.isEmpty else {
                throw invalid(element, "\(list)[\(index)].name", "required; give every entry a name")
            }
            guard entries[name] == nil else {
                throw invalid(fields["name"], "\(list)[name=\(name)]", "duplicate name '\(name)' in this file")
            }
            entries[name] = try read(name, fields[item], "\(list)[name=\(name)].\(item)", origin(element))
        }
        return entries
    }

    private func members(of node: SourceNode?, field: String) throws(KubeconfigError) -> [String: SourceNode] {
        guard let node, !node.isNull else { return [:] }
        guard case .mapping(let pairs) = node.content else {
            throw invalid(node, field, "expected a mapping, found \(node.kindDescription)")
        }
        var result: [String: SourceNode] = [:]
        for pair in pairs { result[pair.key.scalar?.text ?? ""] = pair.value }
        return result
    }

    private func sequence(_ node: SourceNode?, field: String) throws(KubeconfigError) -> [SourceNode] {
        guard let node, !node.isNull else { return [] }
        guard case .sequence(let items) = node.content else {
            throw invalid(node, field, "expected a list, found \(node.kindDescription)")
        }
        return items
    }

    /// A string field; numbers and booleans are taken as written. Null means absent.
    private func string(_ node: SourceNode?, field: String) throws(KubeconfigError) -> String? {
        guard let node, !node.isNull else { return nil }
        guard let scalar = node.scalar else {
            throw invalid(node, field, "expected a string, found \(node.kindDescription)")
        }
        return scalar.text
    }

    private func bool(_ node: SourceNode?, field: String) throws(KubeconfigError) -> Bool {
        guard let node, !node.isNull else { return false }
        guard let scalar = node.scalar, case .bool(let flag) = scalar.resolved, scalar.isPlain else {
            throw invalid(node, field, "expected true or false, found \(node.kindDescription)")
        }
        return flag
    }

    /// Base64 data; the value itself is never quoted back, since it may be a key.
    private func base64(_ node: SourceNode?, field: String) throws(KubeconfigError) -> Data? {
        guard let text = try string(node, field: field), !text.isEmpty else { return nil }
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            throw invalid(node, field, "is not valid base64")
        }
        return data
    }

    private func path(_ node: SourceNode?, field: String) throws(KubeconfigError) -> FileReference? {
        guard let node, let text = try string(node, field: field), !text.isEmpty else { return nil }
        return FileReference(path: resolved(text), origin: origin(node))
    }

    /// `path` joined to the kubeconfig's folder and cleaned lexically (`.` and `..` removed),
    /// as Go's `filepath.Join` does; absolute paths are only cleaned.
    private func resolved(_ path: String) -> String {
        let joined = path.hasPrefix("/") || folder.isEmpty ? path : folder + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part != ".." || !joined.hasPrefix("/") {
                parts.append(part)
            }
        }
        let cleaned = parts.joined(separator: "/")
        return joined.hasPrefix("/") ? "/" + cleaned : (cleaned.isEmpty ? "." : cleaned)
    }

    private func origin(_ node: SourceNode) -> KubeconfigOrigin {
        KubeconfigOrigin(file: file, location: node.location)
    }

    private func invalid(_ node: SourceNode?, _ field: String, _ problem: String) -> KubeconfigError {
        .invalidField(file: file, location: node?.location, field: field, problem: problem)
    }
}
