import ObjectModel

extension ManifestDecoder {
    mutating func decodeManifest(_ document: SourceDocument) -> Manifest {
        let root = FieldPath()
        var manifest = Manifest(origin: Origin(path: root, location: document.root.location, prefersCamelCase: prefersCamelCase),
                                documentIndex: document.index, document: document.root.jsonValue)
        guard let f = fields(document.root, root, known: ["api_version", "kind", "metadata", "spec", "status"]) else {
            return manifest
        }
        manifest.apiVersion = string(f, "api_version")
        manifest.kind = string(f, "kind")
        manifest.metadata = message(f, "metadata") { $0.decodeMetadata($1, $2) }
        manifest.spec = message(f, "spec") { $0.decodeSpec($1, $2) }
        _ = message(f, "status") { decoder, node, path -> Bool? in
            guard let status = decoder.fields(node, path, known: ["outputs"]) else { return nil }
            _ = decoder.message(status, "outputs") { decoder, node, path -> Bool? in
                let outputs = decoder.fields(node, path, known: [
                    "namespace", "daemonset_name", "desired_number_scheduled", "current_number_scheduled", "number_ready",
                ])
                for name in outputs?.entries.keys.sorted() ?? [] { _ = outputs.flatMap { decoder.string($0, name) } }
                return true
            }
            return true
        }
        return manifest
    }

    mutating func decodeMetadata(_ node: SourceNode, _ path: FieldPath) -> Metadata? {
        guard let f = fields(node, path, known: [
            "name", "slug", "id", "org", "env", "labels", "annotations", "tags", "relationships", "group",
        ]) else { return nil }
        var metadata = Metadata(origin: f.origin)
        metadata.name = string(f, "name")
        metadata.slug = string(f, "slug")
        metadata.id = string(f, "id")
        metadata.org = string(f, "org")
        metadata.env = string(f, "env")
        metadata.group = string(f, "group")
        metadata.labels = stringMap(f, "labels")
        metadata.annotations = stringMap(f, "annotations")
        metadata.tags = strings(f, "tags")
        metadata.relationships = list(f, "relationships") { decoder, node, path in
            guard let r = decoder.fields(node, path, known: ["kind", "env", "name", "type"]) else { return nil }
            return Relationship(origin: r.origin, kind: decoder.enumName(r, "kind"), env: decoder.string(r, "env"),
                                name: decoder.string(r, "name"), type: decoder.enumName(r, "type"))
        }
        return metadata
    }

    /// An enum field given by name or by number; kept as written (names checked by the rules).
    mutating func enumName(_ fields: Fields, _ name: String) -> Located<String>? {
        guard let entry = fields.entries[name], let scalar = entry.node.scalar else {
            if let entry = fields.entries[name] {
                report(.wrongType, fields.path(name), entry.node.location, "expected an enum name or number, got \(entry.node.kindDescription)")
            }
            return nil
        }
        return Located(scalar.text, path: fields.path(name), location: entry.node.location)
    }

    mutating func decodeValueOrRef(_ node: SourceNode, _ path: FieldPath, bareString: Bool = false) -> ValueOrRef? {
        if bareString, node.scalar != nil {
            // The component documentation writes plain env variables as `NAME: value`.
            let origin = Origin(path: path, location: node.location, prefersCamelCase: prefersCamelCase)
            guard let value = string(node, path) else { return nil }
            return ValueOrRef(origin: origin, value: value)
        }
        if let scalar = node.scalar, !node.isNull {
            report(.wrongType, path, node.location, "expected a mapping, got \(node.kindDescription)",
                   hint: "write \(path.lastField ?? "it"): {value: \(scalar.text)}")
            return nil
        }
        guard let f = fields(node, path, known: ["value", "value_from"]) else { return nil }
        var result = ValueOrRef(origin: f.origin, value: string(f, "value"))
        result.valueFrom = message(f, "value_from") { decoder, node, path in
            guard let r = decoder.fields(node, path, known: ["kind", "env", "name", "field_path"]) else { return nil }
            return ValueFromRef(origin: r.origin, kind: decoder.enumName(r, "kind"), env: decoder.string(r, "env"),
                                name: decoder.string(r, "name"), fieldPath: decoder.string(r, "field_path"))
        }
        return result
    }
}
