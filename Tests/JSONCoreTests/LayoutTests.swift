import Testing

@testable import JSONCore

/// The parser allocates one member per name in the document; their size is most of a parsed
/// tree's memory, and a few bytes more per member measurably slow parsing of large documents.
@Suite struct LayoutTests {
  @Test func membersAndValuesStayCompact() {
    #if arch(x86_64) || arch(arm64)
      #expect(MemoryLayout<JSONValue>.size <= 17)
      #expect(MemoryLayout<JSONObject.Member>.stride == 40)
    #endif
  }

  @Test func memberHashMatchesTheParsersFingerprint() throws {
    let document = try JSONParser.parse(#"{"licensesQualified": 1, "é": 2, "": 3}"#)
    let members = try #require(document.value.objectValue?.members)
    for member in members {
      #expect(member.keyHash == JSONObject.keyHash(member.key))
      #expect(member.keyHash == JSONObject.Member(key: member.key, value: .null).keyHash)
    }
  }
}
