/// The field manager that last wrote a field, from a live object's `managedFields`.
public struct FieldOwner: Sendable, Hashable {
    /// The manager name (`kubectl-edit`, `kubectl-client-side-apply`, `dsledger`, `helm`…).
    public var manager: String
    /// `Update` or `Apply`; empty when the entry had none.
    public var operation: String
    /// RFC 3339 UTC time of the manager's last change; empty when the entry had none.
    public var time: String

    /// An owner.
    public init(manager: String, operation: String, time: String) {
        self.manager = manager
        self.operation = operation
        self.time = time
    }
}
