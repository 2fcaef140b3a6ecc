import Foundation
import Ledger
import ObjectModel
import Troubleshooting

extension RootCommand.Doctor {
    /// The latest recorded revision's DaemonSet against the nodes of a saved `kubectl get nodes`.
    func offline(nodesPath: String, _ context: CommandContext) async throws -> Diagnosis {
        let ledger = try await store.openForReading(in: context)
        let release = try await ReleaseResolver.resolve(name: name, namespace: namespace, store: ledger)
        let revision = try await ReleaseResolver.revision(.latest, of: release, store: ledger)
        let objects = try await ledger.objects(of: release, number: revision.number)
        guard let daemonSet = objects.first(where: { $0["kind"]?.stringValue == "DaemonSet" }) else {
            throw CommandError.noDaemonSet(in: release, number: revision.number)
        }
        let nodes = try KubernetesObjectFile.objects(at: nodesPath, context: context)
        let notNodes = nodes.filter { ($0["kind"]?.stringValue ?? "Node") != "Node" }
        if let first = notNodes.first {
            throw InputError.notNodes(nodesPath, kind: first["kind"]?.stringValue ?? "", name: first["metadata"]?["name"]?.stringValue ?? "")
        }
        context.writeError("checking \(release) revision \(revision.number) against \(nodes.count) node(s) from \(nodesPath)\n")
        return Troubleshooting.Doctor.diagnose(DoctorInput(daemonSet: daemonSet, nodes: nodes, isLive: false), now: context.now())
    }
}
