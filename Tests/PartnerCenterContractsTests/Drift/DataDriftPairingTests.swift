import JSONCore
import PartnerCenterContracts
import Testing

/// How data drift pairs old and new items: by identity, in order of appearance for repeated
/// identities, with a missing identity key counting as null; the same verdicts whether a new
/// item sits where its old item did (the positional short cut) or elsewhere (the hash path).
@Suite("Data drift pairing")
struct DataDriftPairingTests {
  let engine = DriftEngine()

  func findings(old: [JSONValue], new: [JSONValue]) -> [Finding] {
    engine.diff(
      old: DriftFixtures.recording(body: DriftFixtures.collection(old)),
      new: DriftFixtures.recording(body: DriftFixtures.collection(new))
    ).filter { $0.kind.id.hasPrefix("drift.item-") || $0.kind == FindingKind.driftValueChanged }
  }

  func summary(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.kind) \($0.pointer)" }.sorted()
  }

  /// Items with distinct identities (their processing dates differ by day).
  func items(_ count: Int) -> [JSONValue] {
    (0..<count).map { day in
      DriftFixtures.item(
        active: day % 10, date: "2017-03-\(String(format: "%02d", day % 28 + 1))T\(day / 28):00:00Z"
      )
    }
  }

  @Test func aDisappearingIdentityKeyMakesAnotherItemWhereverTheItemIs() {
    let old = items(6)
    for position in [2, 5] {
      var new = old
      new[2] = new[2].settingMember("channel", nil)
      if position == 5 { new.swapAt(2, 5) }
      #expect(
        summary(findings(old: old, new: new)) == [
          "drift.item-added /items/\(position)", "drift.item-removed /items/2",
        ])
    }
  }

  @Test func anAppearingIdentityKeyWithAValueMakesAnotherItemButNullDoesNot() {
    let old = items(4).map { item in
      guard var object = item.objectValue else { return item }
      object["channel"] = nil
      return .object(object)
    }
    var withValue = old
    withValue[1] = withValue[1].settingMember("channel", "reseller")
    #expect(
      summary(findings(old: old, new: withValue)) == [
        "drift.item-added /items/1", "drift.item-removed /items/1",
      ])
    var withNull = old
    withNull[1] = withNull[1].settingMember("channel", .null)
    #expect(findings(old: old, new: withNull).isEmpty)
  }

  @Test func repeatedIdentitiesPairInOrderOfAppearance() {
    let twin = DriftFixtures.item(active: 1)
    let old = [
      twin, DriftFixtures.item(workload: "Teams"), twin.settingMember("licensesActive", 2),
    ]
    // One twin left, in second place: it pairs with the first old twin, so the second is gone.
    let new = [DriftFixtures.item(workload: "Teams"), twin.settingMember("licensesActive", 3)]
    #expect(
      summary(findings(old: old, new: new)) == [
        "drift.item-removed /items/2", "drift.value-changed /items/1/licensesActive",
      ])
  }

  @Test func reorderedRemovedAndAddedItemsInALongCollection() {
    let old = items(300)
    var new = old
    new.remove(at: 10)
    new[40] = new[40].settingMember("usagePercent", 99.5)
    new[100..<120].reverse()
    new.insert(DriftFixtures.item(workload: "Teams"), at: 200)
    let found = findings(old: old, new: new)
    #expect(
      summary(found) == [
        "drift.item-added /items/200", "drift.item-removed /items/10",
        "drift.value-changed /items/40/usagePercent",
      ])
    #expect(findings(old: old, new: old.reversed()).isEmpty)
  }
}
