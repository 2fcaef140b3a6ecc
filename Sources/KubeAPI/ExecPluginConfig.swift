/// An exec credential plugin, as configured under `users[].user.exec`.
///
/// The plugin is a program that prints an `ExecCredential` (a bearer token and/or a client
/// certificate) on standard output. ``ExecCredentialProvider`` runs it.
public struct ExecPluginConfig: Sendable, Hashable {
    /// The `client.authentication.k8s.io` versions this client speaks (v1alpha1 was removed in 1.24).
    public enum APIVersion: String, Sendable, Hashable, CaseIterable {
        case v1 = "client.authentication.k8s.io/v1"
        case v1beta1 = "client.authentication.k8s.io/v1beta1"
    }

    /// When the plugin may use standard input.
    public enum InteractiveMode: String, Sendable, Hashable, CaseIterable {
        /// Standard input is never given to the plugin.
        case never = "Never"
        /// Standard input is given when it is a terminal.
        case ifAvailable = "IfAvailable"
        /// The plugin needs a terminal; running it without one is an error.
        case always = "Always"
    }

    /// One `env` entry, added to the client's environment when running the plugin.
    public struct EnvVar: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var apiVersion: APIVersion
    /// The program: a bare name is looked up on `PATH`; a path with a `/` that was relative in
    /// the kubeconfig is already resolved against the kubeconfig's folder.
    public var command: String
    public var args: [String]
    /// Extra environment, in the order written; later entries win.
    public var env: [EnvVar]
    /// Shown to the user when the command is not found.
    public var installHint: String?
    /// Whether the cluster's connection details are sent in `KUBERNETES_EXEC_INFO`.
    public var provideClusterInfo: Bool
    /// Required in v1; defaults to `IfAvailable` in v1beta1.
    public var interactiveMode: InteractiveMode

    public init(apiVersion: APIVersion, command: String, args: [String] = [], env: [EnvVar] = [],
                installHint: String? = nil, provideClusterInfo: Bool = false,
                interactiveMode: InteractiveMode = .ifAvailable) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
    }
}
