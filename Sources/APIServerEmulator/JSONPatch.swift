import ObjectModel

/// Why a JSON patch could not be applied.
enum JSONPatchError: Error, Equatable {
    /// The body is not a list of operations (400).
    case notAList
    /// An operation failed: a `test` that does not hold, a path that does not exist, an
    /// unknown `op`, a missing member (422). The text says which.
    case failed(String)
}

/// RFC 6902 JSON patch (`application/json-patch+json`, https://www.rfc-editor.org/rfc/rfc6902):
/// `add`, `remove`, `replace`, `move`, `copy` and `test`, applied in order to the whole
/// object; if one fails, none applies.
enum JSONPatch {
    /// The API server's limit on operations in one patch.
    static let maxOperations = 10_000

    /// The object patched, or the Status the API server answers: 400 when the body is not a
    /// list, 413 past ``maxOperations``, and for a failed operation 422 Invalid with the
    /// generic message and empty details the server sends (it does not say which operation).
    static func patched(_ object: JSONValue, with patch: JSONValue) throws(APIStatus) -> JSONValue {
        if let count = patch.arrayValue?.count, count > maxOperations {
            throw APIStatus(code: 413, reason: "RequestEntityTooLarge",
                            message: "Request entity too large: The allowed maximum operations in a JSON patch is \(maxOperations), got \(count)",
                            details: nil)
        }
        do throws(JSONPatchError) {
            return try applying(patch, to: object)
        } catch .notAList {
            throw APIStatus.badRequest("json: cannot unmarshal \(kindName(patch)) into Go value of type jsonpatch.Patch")
        } catch {
            throw APIStatus(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request",
                            details: [:])
        }
    }

    /// `document` with the operations of `patch` applied in order.
    static func applying(_ patch: JSONValue, to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        guard let operations = patch.arrayValue else { throw .notAList }
        var result = document
        for operation in operations {
            guard operation.objectValue != nil else { throw .notAList }
            result = try apply(operation, to: result)
        }
        return result
    }

    private static func apply(_ operation: JSONValue, to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        let op = operation["op"]?.stringValue ?? ""
        guard let pathText = operation["path"]?.stringValue else { throw .failed("\(op) operation has no 'path'") }
        let path = try JSONPointer(pathText)
        switch op {
        case "add": return try JSONTree.adding(try value(of: operation, op), at: path, to: document)
        case "remove": return try JSONTree.removing(path, from: document)
        case "replace": return try JSONTree.replacing(path, with: try value(of: operation, op), in: document)
        case "move", "copy":
            guard let fromText = operation["from"]?.stringValue else { throw .failed("\(op) operation has no 'from'") }
            let from = try JSONPointer(fromText)
            guard let moved = JSONTree.value(at: from, in: document) else {
                throw .failed("\(op) operation does not apply: doc is missing from path: \(from)")
            }
            guard op == "move" else { return try JSONTree.adding(moved, at: path, to: document) }
            if from == path { return document }
            if path.isInside(from) { throw .failed("move operation cannot move '\(from)' into its own child '\(path)'") }
            return try JSONTree.adding(moved, at: path, to: try JSONTree.removing(from, from: document))
        case "test":
            let expected = try value(of: operation, op)
            guard let actual = JSONTree.value(at: path, in: document), JSONTree.equivalent(actual, expected) else {
                throw .failed("testing value \(path) failed: test failed")
            }
            return document
        default:
            throw .failed("Unexpected kind: \(op)")
        }
    }

    private static func value(of operation: JSONValue, _ op: String) throws(JSONPatchError) -> JSONValue {
        guard let value = operation["value"] else { throw .failed("\(op) operation has no 'value'") }
        return value
    }

    private static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .object: "object"
        case .string: "string"
        case .int, .double: "number"
        case .bool: "bool"
        case .null, .array: "value"
        }
    }
}
