import Testing

@testable import JSONCore

/// Inputs the fuzzer (Fuzz/run.sh) found, checked with the property it checks: an input
/// either fails with an error inside it, or its value survives every writer form unchanged.
@Suite struct FuzzRegressionTests {
  static func checkRoundTrip(_ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    let document: JSONDocument
    do {
      document = try JSONParser.parse(input)
    } catch {
      #expect(error.location.offset <= input.count, sourceLocation: sourceLocation)
      return
    }
    let forms = [
      JSONWriter.compactBytes(document.value),
      JSONWriter.compactBytes(document.value, sortKeys: true),
      JSONWriter.compactBytes(document.value, escapeNonASCII: true),
      JSONWriter.prettyBytes(document.value),
    ]
    for text in forms {
      let again = try? JSONParser.parse(text)
      #expect(
        again?.value == document.value, "\(String(decoding: text, as: UTF8.self))",
        sourceLocation: sourceLocation)
    }
  }

  /// crash-c34b20d0: `11e1000000000` was accepted, but its canonical text
  /// `1.1e+1000000001` was rejected. Such numbers are now rejected up front.
  @Test func numberWhoseCanonicalExponentExceedsTheLimit() throws {
    let input = Array(
      "[9223372036854775807, -9223372036854775808, 9223372036854775808, 11e1000000000]".utf8)
    Self.checkRoundTrip(input)
    #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
    Self.checkRoundTrip(Array("[9.99e1000000000, 1e-1000000000, -123e999999998]".utf8))
    #expect(throws: Never.self) {
      try JSONParser.parse("[9.99e1000000000, 1e-1000000000, -123e999999998]")
    }
  }

  /// crash-b78ba8c9 (minimized): the harness expected every repeated name's object to still
  /// hold the name, but here the object at "/" is itself replaced by a later repeated name.
  /// Both repetitions are reported; the harness now checks only the locations.
  @Test func repeatedNameInsideAReplacedObject() throws {
    let input = Array(#"{"":{"":0,"":5},"":5}"#.utf8)
    Self.checkRoundTrip(input)
    let document = try JSONParser.parse(input)
    #expect(document.value == ["": 5])
    #expect(document.duplicateMembers.map(\.objectPointer) == [JSONPointer(tokens: [""]), .root])
    #expect(document.duplicateMembers.map(\.location.column) == [11, 17])
    #expect(
      document.duplicateMembers.allSatisfy { input[$0.location.offset] == UInt8(ascii: "\"") })
  }
}
