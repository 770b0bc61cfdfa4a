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

/// Comparing members in place by representation: the same bits mean equal, and nothing is
/// concluded from different bits.
@Suite struct IdentityProbeTests {
  let probe = JSONObject.Member.IdentityProbe()

  func compare(_ lhs: JSONObject.Member, _ rhs: JSONObject.Member) -> (names: Bool, values: Bool) {
    withUnsafePointer(to: lhs) { left in
      withUnsafePointer(to: rhs) { right in
        (probe.identicalNames(left, right), probe.identicalValues(left, right))
      }
    }
  }

  @Test func smallStringsAndScalarsFromTwoParsesHaveTheSameBits() throws {
    let text = #"{"channel": "reseller", "count": 12, "share": 0.5, "on": true, "none": null}"#
    let first = try #require(JSONParser.parse(text).value.objectValue?.members)
    let second = try #require(JSONParser.parse(text).value.objectValue?.members)
    for (lhs, rhs) in zip(first, second) {
      let result = compare(lhs, rhs)
      #expect(result.names && result.values, "\(lhs.key)")
    }
  }

  @Test func differentNamesAndValuesNeverShareBits() {
    let base = JSONObject.Member(key: "usagePercent", value: 40.5)
    #expect(compare(base, JSONObject.Member(key: "usagePercent", value: 40.6)) == (true, false))
    #expect(compare(base, JSONObject.Member(key: "usagePercenT", value: 40.5)) == (false, true))
    #expect(!compare(base, JSONObject.Member(key: "usagePercent", value: "40.5")).values)
    #expect(!compare(base, JSONObject.Member(key: "usagePercent", value: nil)).values)
  }

  @Test func oneSharedBufferHasTheSameBitsAndEqualCopiesMayNot() {
    let long = String(repeating: "licensesQualified", count: 3)
    let shared = JSONObject.Member(key: long, value: .string(long))
    #expect(compare(shared, shared) == (true, true))
    let copy = JSONObject.Member(
      key: String(decoding: Array(long.utf8), as: UTF8.self),
      value: .string(String(decoding: Array(long.utf8), as: UTF8.self)))
    // Equal by code points, stored apart: the probe says nothing, equality still holds.
    #expect(compare(shared, copy) == (false, false))
    #expect(shared == copy)
  }
}
