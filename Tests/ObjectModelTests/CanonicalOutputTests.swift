import Foundation
import ObjectModel
import Testing

@Suite struct CanonicalOutputTests {
    static let sample: JSONValue = [
        "kind": "ConfigMap", "apiVersion": "v1",
        "data": ["b": "line one\nline two\n", "a": "1.36", "c": "yes", "d": "0644", "e": "", "f": "- item", "g": "key: value"],
        "list": [1, true, .null, "10%"],
        "empty": [:], "none": [],
    ]

    @Test func sortsKeysByteWiseInJSON() {
        #expect(CanonicalJSON.compact(["b": 1, "a": 2, "B": 3, "é": 4]) == #"{"B":3,"a":2,"b":1,"é":4}"#)
    }

    @Test func escapesOnlyWhatJSONRequires() {
        #expect(CanonicalJSON.compact(.string("a\"b\\c\n\u{01}/é")) == #""a\"b\\c\n\u0001/é""#)
    }

    @Test func prettyJSONIndentsByFourSpaces() {
        #expect(CanonicalJSON.pretty(["a": [1, 2], "b": [:]]) == """
            {
                "a": [
                    1,
                    2
                ],
                "b": {}
            }

            """)
    }

    @Test func yamlQuotesAmbiguousStringsAndUsesLiteralBlocks() {
        #expect(CanonicalYAML.document(Self.sample) == """
            apiVersion: v1
            data:
              a: "1.36"
              b: |
                line one
                line two
              c: "yes"
              d: "0644"
              e: ""
              f: '- item'
              g: 'key: value'
            empty: {}
            kind: ConfigMap
            list:
            - 1
            - true
            - null
            - 10%
            none: []

            """)
    }

    @Test func yamlReadsBackToTheSameValue() throws {
        let text = CanonicalYAML.document(Self.sample)
        let documents = try SourceDocument.parse(text)
        #expect(documents.count == 1)
        #expect(documents.first?.root.jsonValue == Self.sample)
    }

    @Test func streamMarksEveryDocument() {
        #expect(CanonicalYAML.stream([["a": 1], ["b": 2]]) == "---\na: 1\n---\nb: 2\n")
    }

    @Test func digestIgnoresMemberOrderAndSeesValues() {
        let one: JSONValue = .object(["a": 1, "b": "x"])
        let two: JSONValue = .object(["b": "x", "a": 1])
        #expect(one.contentDigest == two.contentDigest)
        #expect(one.contentDigest != JSONValue.object(["a": 2, "b": "x"]).contentDigest)
        #expect(one.contentDigest.hasPrefix("sha256:") && one.contentDigest.count == 71)
    }
}

@Suite struct FieldPathTests {
    @Test func printsPathsAsUsersWriteThem() {
        let manifest = FieldPath(dotted: "spec.container.app").field("ports").index(1).field("name")
        #expect(manifest.description == "spec.container.app.ports[1].name")
        #expect(FieldPath(dotted: "spec.node_selector").key("kubernetes.io/os").description == "spec.node_selector[kubernetes.io/os]")
        #expect(FieldPath(dotted: "spec.env.variables").key("LOG_LEVEL").field("value").description == "spec.env.variables.LOG_LEVEL.value")
        let rendered = FieldPath(dotted: "spec.template.spec").field("containers").keyed("name", "app").field("image")
        #expect(rendered.description == "spec.template.spec.containers[name=app].image")
    }
}

@Suite struct JSONParserTests {
    @Test func readsBackCanonicalJSON() throws {
        let value: JSONValue = [
            "a": [1, -2, .double(3.5), .double(1e300), true, false, .null], "b": "q\"uote\\ \n\t\u{01} é 😀", "c": [:], "d": [],
            "e": ["nested": ["deep": "x"]], "big": .int(Int64.max), "small": .int(Int64.min),
        ]
        #expect(try JSONValue(parsingJSON: CanonicalJSON.compact(value)) == value)
        #expect(try JSONValue(parsingJSON: CanonicalJSON.pretty(value)) == value)
    }

    @Test func readsEscapesAndSurrogatePairs() throws {
        #expect(try JSONValue(parsingJSON: #"["\/\b\f\r\u00e9\ud83d\ude00"]"#) == ["/\u{08}\u{0C}\ré😀"])
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2", "{\"a\":}", "[\"\\x\"]", "-"])
    func rejectsMalformedJSON(text: String) {
        #expect(throws: (any Error).self) { try JSONValue(parsingJSON: text) }
    }
}
