import Testing

@testable import JSONCore

/// Small objects written byte for byte the same are built once and shared; sharing must never
/// change a value, hide a repeated name, or let one copy's change reach another.
@Suite struct RepeatedObjectSharingTests {
  /// The address of an object's member storage, which shared objects have in common.
  func storageAddress(_ value: JSONValue?) -> UnsafeRawPointer? {
    value?.objectValue?.members.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
  }

  func items(_ count: Int, attributes: (Int) -> String) -> String {
    let items = (0..<count).map { index in
      #"{"customerId":"c-\#(index)","attributes":\#(attributes(index))}"#
    }
    return "[" + items.joined(separator: ",") + "]"
  }

  @Test func anObjectRepeatedInEveryItemIsStoredOnce() throws {
    let text = items(50) { _ in #"{"objectType":"CustomerLicensesUsageInsights"}"# }
    let parsedItems = try #require(parsed(text)?.arrayValue)
    #expect(parsedItems.count == 50)
    let expected: JSONValue = ["objectType": "CustomerLicensesUsageInsights"]
    for item in parsedItems { #expect(item["attributes"] == expected) }
    // The first two sightings are built; every later repeat shares the second one's storage.
    let addresses = Set(parsedItems.dropFirst().compactMap { storageAddress($0["attributes"]) })
    #expect(addresses.count == 1)
    #expect(storageAddress(parsedItems[0]["attributes"]) != addresses.first)
  }

  @Test func changingOneSharedCopyLeavesTheOthers() throws {
    let text = items(5) { _ in #"{"objectType":"A"}"# }
    var parsedItems = try #require(parsed(text)?.arrayValue)
    guard case .object(var item) = parsedItems[3], case .object(var attributes) = item["attributes"]
    else {
      Issue.record("items are objects")
      return
    }
    attributes["objectType"] = "B"
    item["attributes"] = .object(attributes)
    parsedItems[3] = .object(item)
    #expect(parsedItems[3]["attributes"]?["objectType"] == "B")
    for index in [1, 2, 4] { #expect(parsedItems[index]["attributes"]?["objectType"] == "A") }
  }

  @Test func textsThatDifferAreNeverConfused() throws {
    // Same length, same first and last eight bytes: only the middle differs.
    let kinds = [
      #"{"k":"aaaaaaaaaaaaaaaa1aaaaaaaaaaaaaaaa"}"#, #"{"k":"aaaaaaaaaaaaaaaa2aaaaaaaaaaaaaaaa"}"#,
      #"{"k":1.0}"#, #"{"k":1.5}"#, #"{"k":"\u0041"}"#, #"{"k":"A"}"#, #"{ "k":"A"}"#,
    ]
    let text = items(70) { kinds[$0 % kinds.count] }
    let parsedItems = try #require(parsed(text)?.arrayValue)
    for (index, item) in parsedItems.enumerated() {
      let expected = try JSONValue(parsing: kinds[index % kinds.count])
      #expect(item["attributes"] == expected, "item \(index)")
    }
    #expect(parsedItems[4]["attributes"]?["k"] == "A")
    #expect(parsedItems[2]["attributes"]?["k"]?.numberValue == JSONNumber(1))
  }

  @Test func everyRepeatOfARepeatedNameIsReported() throws {
    let text = items(4) { _ in #"{"a":1,"a":2}"# }
    let document = try JSONParser.parse(text)
    #expect(document.duplicateMembers.count == 4)
    #expect(
      document.duplicateMembers.map(\.objectPointer.description)
        == (0..<4).map {
          "/\($0)/attributes"
        })
    #expect(Set(document.duplicateMembers.map(\.location.offset)).count == 4)
    for item in try #require(document.value.arrayValue) {
      #expect(item["attributes"] == ["a": 2])
    }
  }

  @Test func repeatsAfterALongRunOfUniqueObjectsAreStillShared() throws {
    // Enough unique small objects to make the parser look up only now and then.
    let text = items(2_000) { index in
      index < 1_000 ? #"{"n":\#(index)}"# : #"{"objectType":"Late"}"#
    }
    let parsedItems = try #require(parsed(text)?.arrayValue)
    for (index, item) in parsedItems.enumerated() {
      let expected: JSONValue =
        index < 1_000 ? ["n": .number(JSONNumber(index))] : ["objectType": "Late"]
      #expect(item["attributes"] == expected, "item \(index)")
    }
    let lateAddresses = parsedItems[1_000...].compactMap { storageAddress($0["attributes"]) }
    let sharedCount = lateAddresses.count - Set(lateAddresses).count
    #expect(sharedCount > 800)
  }

  @Test func largeObjectsAreNotShared() throws {
    let long = String(repeating: "x", count: 200)
    let text = items(4) { _ in #"{"note":"\#(long)"}"# }
    let parsedItems = try #require(parsed(text)?.arrayValue)
    let addresses = parsedItems.compactMap { storageAddress($0["attributes"]) }
    #expect(Set(addresses).count == 4)
    for item in parsedItems { #expect(item["attributes"]?["note"]?.stringValue == long) }
  }
}
