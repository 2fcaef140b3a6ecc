import Foundation
import KubeAPI
import ObjectModel
import Troubleshooting

extension RootCommand.Doctor {
    /// Reads the DaemonSet, the nodes, the pods, the events and the crashed containers'
    /// previous logs from the cluster, and diagnoses them.
    func live(_ context: CommandContext) async throws -> Diagnosis {
        let connection = try cluster.connection(in: context)
        let fromLedger = self.namespace == nil ? try await ledgerNamespace(context) : nil
        let namespace = self.namespace ?? fromLedger ?? connection.namespace
        let name = self.name
        let lines = logLines
        let input = try await context.withClient(connection) { client in
            guard let daemonSet = try await client.get(.daemonSets, namespace: namespace, name: name) else {
                throw CommandError.noDaemonSet(namespace: namespace, name: name, context: connection.target.context)
            }
            let nodes = try await client.list(.nodes, namespace: nil)
            let pods = try await client.list(.pods, namespace: nil, fieldSelector: "status.phase!=Succeeded,status.phase!=Failed")
            let events = try await client.list(.events, namespace: namespace, fieldSelector: "involvedObject.kind=DaemonSet,involvedObject.name=\(name)")
                + client.list(.events, namespace: namespace, fieldSelector: "involvedObject.kind=Pod")
            var logs: [ContainerReference: [String]] = [:]
            if lines > 0 {
                for reference in Troubleshooting.Doctor.crashedContainers(daemonSet: daemonSet, pods: pods) {
                    let text = try await client.log(namespace: namespace, pod: reference.pod, container: reference.container,
                                                    previous: true, tailLines: lines)
                    logs[reference] = text.map(Self.lines) ?? []
                }
            }
            return DoctorInput(daemonSet: daemonSet, nodes: nodes, pods: pods, events: events, previousLogs: logs, isLive: true)
        }
        return Troubleshooting.Doctor.diagnose(input, now: context.now())
    }

    /// The namespace of the release named `name` in the ledger, when the ledger exists and has
    /// exactly one; an error when several namespaces have one.
    private func ledgerNamespace(_ context: CommandContext) async throws -> String? {
        if case .file(let path) = try store.location(in: context), !FileManager.default.fileExists(atPath: path) { return nil }
        let namespaces = try await store.openForReading(in: context).namespaces(ofReleaseNamed: name)
        guard namespaces.count <= 1 else {
            throw CommandError.ambiguousRelease(name, namespaces: namespaces)
        }
        return namespaces.first
    }

    /// A log's lines, without the final newline's empty line.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
