import Testing

@testable import JSONCore

@Suite struct PointerTests {
  /// RFC 6901, section 5.
  static let document = #"""
    {
      "foo": ["bar", "baz"],
      "": 0,
      "a/b": 1,
      "c%d": 2,
      "e^f": 3,
      "g|h": 4,
      "i\\j": 5,
      "k\"l": 6,
      " ": 7,
      "m~n": 8
    }
    """#

  static let examples: [(pointer: String, fragment: String, value: String)] = [
    ("", "#", document),
    ("/foo", "#/foo", #"["bar", "baz"]"#),
    ("/foo/0", "#/foo/0", #""bar""#),
    ("/", "#/", "0"),
    ("/a~1b", "#/a~1b", "1"),
    ("/c%d", "#/c%25d", "2"),
    ("/e^f", "#/e%5Ef", "3"),
    ("/g|h", "#/g%7Ch", "4"),
    (#"/i\j"#, "#/i%5Cj", "5"),
    (#"/k"l"#, "#/k%22l", "6"),
    ("/ ", "#/%20", "7"),
    ("/m~0n", "#/m~0n", "8"),
  ]

  @Test func resolvesTheRFCExamples() throws {
    let document = try JSONValue(parsing: Self.document)
    for example in Self.examples {
      let expected = try JSONValue(parsing: example.value)
      let pointer = try JSONPointer(parsing: example.pointer)
      #expect(pointer.resolve(in: document) == expected, "\(example.pointer)")
      #expect(pointer.description == example.pointer)
      let fromFragment = try JSONPointer(uriFragment: example.fragment)
      #expect(fromFragment == pointer, "\(example.fragment)")
      #expect(pointer.uriFragment == example.fragment)
    }
  }

  @Test func escaping() throws {
    #expect(JSONPointer.escape("a/b~c") == "a~1b~0c")
    #expect(JSONPointer.escape("plain") == "plain")
    // ~01 is "~1" unescaped, not "/".
    #expect(try JSONPointer(parsing: "/~01").tokens == ["~1"])
    #expect(JSONPointer(tokens: ["a/b", "~", ""]).description == "/a~1b/~0/")
    #expect(try JSONPointer(parsing: "/a~1b/~0/").tokens == ["a/b", "~", ""])
  }

  @Test func badPointers() {
    #expect(throws: JSONPointerError.missingLeadingSlash("foo")) { try JSONPointer(parsing: "foo") }
    #expect(throws: JSONPointerError.badEscape("/~2")) { try JSONPointer(parsing: "/~2") }
    #expect(throws: JSONPointerError.badEscape("/a~")) { try JSONPointer(parsing: "/a~") }
    #expect(throws: JSONPointerError.badPercentEncoding("#/%zz")) {
      try JSONPointer(uriFragment: "#/%zz")
    }
  }

  @Test func arrayIndices() throws {
    let document = try JSONValue(parsing: Self.document)
    #expect(try JSONPointer(parsing: "/foo/1").resolve(in: document) == "baz")
    #expect(try JSONPointer(parsing: "/foo/01").resolve(in: document) == nil)
    #expect(try JSONPointer(parsing: "/foo/-").resolve(in: document) == nil)
    #expect(try JSONPointer(parsing: "/foo/2").resolve(in: document) == nil)
    #expect(try JSONPointer(parsing: "/foo/0/x").resolve(in: document) == nil)
    #expect(JSONPointer.arrayIndex("0") == 0)
    #expect(JSONPointer.arrayIndex("10") == 10)
    #expect(JSONPointer.arrayIndex("-1") == nil)
  }

  @Test func building() {
    let pointer = JSONPointer.root.appending("items").appending(3).appending("a/b")
    #expect(pointer.description == "/items/3/a~1b")
    #expect(pointer.parent == JSONPointer(tokens: ["items", "3"]))
    #expect(pointer.hasPrefix(JSONPointer(tokens: ["items"])))
    #expect(!pointer.hasPrefix(JSONPointer(tokens: ["item"])))
    #expect(JSONPointer.root.parent == nil)
    #expect(JSONPointer(tokens: ["\u{E9}"]) != JSONPointer(tokens: ["e\u{301}"]))
  }

  @Test func writtenInCodeLiteralTextIsEscapedAndInterpolationsAreTokens() {
    let index = 3
    let name = "a/b~c"
    let items: JSONPointer = "/items/\(index)/x~1y~0z"
    #expect(items.tokens == ["items", "3", "x/y~z"])
    let header: JSONPointer = "/\(name)"
    #expect(header.tokens == ["a/b~c"])
    #expect(header.description == "/a~1b~0c")
    let within: JSONPointer = "/items/n\(index)th/\(name)"
    #expect(within.tokens == ["items", "n3th", "a/b~c"])
    let root: JSONPointer = ""
    #expect(root.isRoot)
    let empty: JSONPointer = "/"
    #expect(empty.tokens == [""])
    for text in ["/a/b", "/a~01", "/~1/x", "/", "//"] {
      #expect(JSONPointer(stringLiteral: text) == (try? JSONPointer(parsing: text)), "\(text)")
    }
  }
}

@Suite struct ObjectTests {
  @Test func keepsDocumentOrder() {
    var object = JSONObject()
    object["z"] = 1
    object["a"] = 2
    object["m"] = 3
    #expect(object.keys == ["z", "a", "m"])
    #expect(object.membersSortedByKey.map(\.key) == ["a", "m", "z"])
  }

  @Test func lastValueWinsAtTheFirstPosition() {
    let object = JSONObject([
      .init(key: "a", value: 1), .init(key: "b", value: 2), .init(key: "a", value: 3),
    ])
    #expect(object.keys == ["a", "b"])
    #expect(object["a"] == 3)
    #expect(object.count == 2)
  }

  @Test func namesAreCodePoints() {
    var object = JSONObject()
    object["\u{E9}"] = 1
    object["e\u{301}"] = 2
    #expect(object.count == 2)
    #expect(object["\u{E9}"] == 1)
    #expect(object["e\u{301}"] == 2)
    // Swift's == calls them equal; JSON does not.
    #expect("\u{E9}" == "e\u{301}")
  }

  @Test func removingAndLargeObjects() {
    var object = JSONObject()
    for index in 0..<40 { object["k\(index)"] = .number(JSONNumber(index)) }
    #expect(object["k33"] == 33)
    object["k5"] = nil
    #expect(object["k5"] == nil)
    #expect(object.count == 39)
    #expect(object["k39"] == 39)
    object["k39"] = "changed"
    #expect(object["k39"] == "changed")
    #expect(object.keys.last == "k39")
  }

  @Test func equalityIgnoresOrder() {
    let first = JSONObject([.init(key: "a", value: 1), .init(key: "b", value: [true])])
    let second = JSONObject([.init(key: "b", value: [true]), .init(key: "a", value: 1.0)])
    #expect(first == second)
    #expect(first.hashValue == second.hashValue)
    #expect(first != JSONObject([.init(key: "a", value: 1)]))
  }
}

@Suite struct ValueEqualityTests {
  @Test func booleansAreNotNumbers() {
    #expect(JSONValue.bool(true) != 1)
    #expect(JSONValue.bool(false) != 0)
    #expect(JSONValue.null != false)
    #expect(JSONValue.string("1") != 1)
  }

  @Test func numbersCompareByValue() throws {
    #expect(JSONValue.number(JSONNumber(1)) == .number(number("1.0")))
    #expect(try JSONValue(parsing: "[1, 2.50]") == JSONValue(parsing: "[1.0, 2.5]"))
    #expect(JSONValue.number(JSONNumber(1)).hashValue == JSONValue.number(number("1.0")).hashValue)
  }

  @Test func objectsAreUnorderedArraysAreNot() throws {
    #expect(
      try JSONValue(parsing: #"{"a": 1, "b": 2}"#) == JSONValue(parsing: #"{"b": 2, "a": 1}"#))
    #expect(try JSONValue(parsing: "[1, 2]") != JSONValue(parsing: "[2, 1]"))
    #expect(try JSONValue(parsing: #"{"a": 1}"#) != JSONValue(parsing: #"{"a": 1, "b": 2}"#))
    let reordered = try JSONValue(parsing: #"{"b": [1, {"x": null}], "a": "s"}"#)
    #expect(
      reordered.hashValue
        == (try JSONValue(parsing: #"{"a": "s", "b": [1, {"x": null}]}"#)).hashValue)
  }

  @Test func stringsCompareByCodePoints() {
    #expect(JSONValue.string("\u{E9}") != .string("e\u{301}"))
    #expect(JSONValue.string("\u{E9}") == .string("\u{E9}"))
    #expect(Set<JSONValue>([.string("\u{E9}"), .string("e\u{301}")]).count == 2)
  }

  @Test func accessors() throws {
    let value = try JSONValue(parsing: #"{"a": [true, null, "s", 2]}"#)
    #expect(value["a"]?[0]?.boolValue == true)
    #expect(value["a"]?[1]?.isNull == true)
    #expect(value["a"]?[2]?.stringValue == "s")
    #expect(value["a"]?[3]?.numberValue == JSONNumber(2))
    #expect(value["a"]?[4] == nil)
    #expect(value["b"] == nil)
    #expect(value.typeName == "object")
    #expect(value["a"]?.typeName == "array")
  }
}
