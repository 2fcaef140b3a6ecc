import Foundation
import ObjectModel

/// Kubernetes objects read from a YAML or JSON file: one object, several YAML documents, or a
/// List (`kubectl get -o yaml|json`), whose items take the kind and apiVersion of the list when
/// they lack them (`DaemonSetList` → `DaemonSet`).
enum KubernetesObjectFile {
    /// Every object of the file at `path` (`-` is standard input), lists flattened.
    ///
    /// - Throws: ``InputError`` naming the file (and the line and column for YAML errors).
    static func objects(at path: String, context: CommandContext) throws -> [JSONValue] {
        let name = path == "-" ? "<stdin>" : path
        let text = try ManifestInput.readText(path, name: name, context: context)
        let documents: [SourceDocument]
        do {
            documents = try SourceDocument.parse(text)
        } catch {
            let place = error.location.map { ":\($0.line):\($0.column)" } ?? ""
            throw InputError.syntax(at: name + place, error.problem)
        }
        var objects: [JSONValue] = []
        for document in documents {
            objects += try flattened(document.root.jsonValue, file: name, document: document.index)
        }
        guard !objects.isEmpty else { throw InputError.noObject(in: name) }
        return objects
    }

    /// A document's objects: itself, or the items of a List.
    static func flattened(_ value: JSONValue, file: String, document: Int) throws -> [JSONValue] {
        guard case .object = value else {
            throw InputError.notAnObject(file, document: document)
        }
        guard let kind = value["kind"]?.stringValue, kind.hasSuffix("List"), let items = value["items"]?.arrayValue else {
            try requireName(value, file: file, document: document)
            return [value]
        }
        let itemKind = kind == "List" ? nil : String(kind.dropLast("List".count))
        return try items.map { item in
            try requireName(item, file: file, document: document)
            var copy = item
            if copy["kind"] == nil, let itemKind { copy["kind"] = .string(itemKind) }
            if copy["apiVersion"] == nil, itemKind != nil, let apiVersion = value["apiVersion"] { copy["apiVersion"] = apiVersion }
            return copy
        }
    }

    private static func requireName(_ object: JSONValue, file: String, document: Int) throws {
        guard object["metadata"]?["name"]?.stringValue?.isEmpty == false else {
            throw InputError.objectWithoutName(file, document: document)
        }
    }
}
