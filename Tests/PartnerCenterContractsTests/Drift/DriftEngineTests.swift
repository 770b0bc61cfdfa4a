import JSONCore
import PartnerCenterContracts
import Testing

@Suite("Drift engine: one test per finding kind")
struct DriftEngineTests {
  let engine = DriftEngine()
  let base = DriftFixtures.recording()

  func diff(_ new: Recording, old: Recording? = nil, engine: DriftEngine? = nil) -> [Finding] {
    (engine ?? self.engine).diff(old: old ?? base, new: new)
  }

  func only(_ kind: FindingKind, in findings: [Finding]) -> [Finding] {
    findings.filter { $0.kind == kind }
  }

  @Test func identicalRecordingsGiveNoFindings() {
    #expect(diff(base).isEmpty)
  }

  @Test func addedPropertyIsInfoAndWildcarded() {
    let findings = diff(DriftFixtures.mutated { item, _ in item["workloadCode"] = "EXO" })
    let added = only(.driftPropertyAdded, in: findings)
    #expect(added.count == 1)
    #expect(added.first?.pointer == "/items/*/workloadCode")
    #expect(added.first?.severity == .info)
    #expect(findings.count == 1)
  }

  @Test func removedPropertyIsBreaking() {
    let findings = diff(DriftFixtures.mutated { item, _ in item["customerName"] = nil })
    let removed = only(.driftPropertyRemoved, in: findings)
    #expect(removed.map(\.pointer) == ["/items/*/customerName"])
    #expect(removed.first?.severity == .error)
    #expect(only(.driftBecameOptional, in: findings).isEmpty)
  }

  @Test func changedTypeIsBreaking() {
    let findings = diff(
      DriftFixtures.mutated { item, _ in item["licensesActive"] = "5" })
    let changed = only(.driftTypeChanged, in: findings)
    #expect(changed.map(\.pointer) == ["/items/*/licensesActive"])
    #expect(changed.first?.severity == .error)
    #expect(changed.first?.message.contains("was integer, now string") == true)
  }

  @Test func integerGainingFractionsIsATypeChange() {
    let findings = diff(
      DriftFixtures.mutated { item, index in
        if index == 1 { item["licensesQualified"] = 10.5 }
      })
    #expect(only(.driftTypeChanged, in: findings).map(\.pointer) == ["/items/*/licensesQualified"])
  }

  @Test func becomingNullIsBreaking() {
    let findings = diff(
      DriftFixtures.mutated { item, index in if index == 2 { item["customerName"] = .null } })
    let null = only(.driftBecameNull, in: findings)
    #expect(null.map(\.pointer) == ["/items/*/customerName"])
    #expect(null.first?.severity == .error)
  }

  @Test func becomingOptionalIsBreaking() {
    let findings = diff(
      DriftFixtures.mutated { item, index in if index == 1 { item["channel"] = nil } })
    let optional = only(.driftBecameOptional, in: findings)
    #expect(optional.map(\.pointer) == ["/items/*/channel"])
    #expect(optional.first?.severity == .error)
    #expect(optional.first?.message.contains("1 of 3") == true)
  }

  @Test func guidThatStopsBeingOneIsAFormatChange() {
    let findings = diff(
      DriftFixtures.mutated { item, index in if index == 0 { item["customerId"] = "contoso-7" } })
    let format = only(.driftFormatChanged, in: findings)
    #expect(format.map(\.pointer) == ["/items/*/customerId"])
    #expect(format.first?.severity == .error)
  }

  @Test func dateTimeLosingItsOffsetIsBreakingAndGainingFractionsIsAWarning() {
    let lost = diff(
      DriftFixtures.mutated { item, _ in item["processedDateTime"] = "2017-03-10T00:00:00" })
    #expect(only(.driftFormatChanged, in: lost).map(\.severity) == [.error])
    let fraction = diff(
      DriftFixtures.mutated { item, _ in
        item["processedDateTime"] = "2017-03-10T00:00:00.1234567+00:00"
      })
    let changed = only(.driftFormatChanged, in: fraction)
    #expect(changed.map(\.severity) == [.warning])
    #expect(changed.first?.message.contains("fractional") == true)
    #expect(lost.first?.fingerprint != changed.first?.fingerprint)
  }

  @Test func newValueInAnEnumLikeFieldIsAWarning() {
    let findings = diff(
      DriftFixtures.mutated { item, index in
        if index == 0 { item["serviceName"] = "Microsoft 365" }
        if index == 1 { item["attributes"] = ["objectType": "CustomerLicensesUsageInsightsV2"] }
      })
    let values = only(.driftNewEnumValue, in: findings)
    #expect(
      Set(values.map(\.pointer)) == ["/items/*/serviceName", "/items/*/attributes/objectType"])
    #expect(values.allSatisfy { $0.severity == .warning })
    #expect(values.first?.newValue != nil)
  }

  @Test func numbersOutsideTheSeenRangeAreInfoAndOutsideTheDeclaredRangeAreBreaking() {
    let seen = diff(
      DriftFixtures.mutated { item, index in if index == 0 { item["usagePercent"] = 95 } })
    #expect(only(.driftRangeChanged, in: seen).map(\.severity) == [.info])
    let declared = diff(
      DriftFixtures.mutated { item, index in if index == 0 { item["usagePercent"] = 140.5 } })
    let range = only(.driftRangeChanged, in: declared)
    #expect(range.map(\.severity).sorted() == [.info, .error])
    #expect(range.contains { $0.message.contains("declared 0...100") })
  }

  @Test func statusAndContentTypeChangesAreBreaking() {
    let status = diff(DriftFixtures.recording(status: 500, contentType: "text/html"))
    #expect(only(.driftStatusChanged, in: status).map(\.severity) == [.error])
    #expect(only(.driftContentTypeChanged, in: status).map(\.severity) == [.error])
    #expect(only(.driftPropertyRemoved, in: status).isEmpty)
    let charset = diff(DriftFixtures.recording(contentType: "application/json"))
    #expect(only(.driftContentTypeChanged, in: charset).map(\.severity) == [.warning])
  }

  @Test func volatileHeadersAreIgnoredAndOthersAreInfo() {
    let old = DriftFixtures.recording(extraHeaders: [("MS-CV", "a"), ("Date", "x")])
    let new = DriftFixtures.recording(extraHeaders: [
      ("MS-CV", "b"), ("Date", "y"), ("X-Trace", "1"),
    ])
    let findings = diff(new, old: old)
    #expect(findings.map(\.kind.id) == [FindingKind.driftHeaderChanged.id])
    #expect(findings.first?.severity == .info)
  }

  @Test func linksAppearingAndTotalCountSemanticsAreEnvelopeChanges() {
    var body = DriftFixtures.collection(DriftFixtures.items, totalCount: 40).objectValue!
    body["links"] = ["next": ["uri": "/customers?page=2", "method": "GET", "headers": []]]
    let findings = diff(DriftFixtures.recording(body: .object(body)))
    let envelope = only(.driftEnvelopeChanged, in: findings)
    #expect(Set(envelope.map(\.pointer)) == ["/links", "/totalCount"])
    #expect(envelope.allSatisfy { $0.severity == .warning })
    #expect(only(.driftPropertyAdded, in: findings).isEmpty)
  }

  @Test func itemsAreMatchedByIdentityNotPosition() {
    let reordered = DriftFixtures.recording(
      body: DriftFixtures.collection(DriftFixtures.items.reversed()))
    #expect(diff(reordered).isEmpty)
  }

  @Test func dataDriftIsInfoWithOldAndNewValues() {
    var items = DriftFixtures.items
    items.remove(at: 1)
    items.append(DriftFixtures.item(workload: "Teams", active: 1, qualified: 2, percent: 50))
    items[0] = DriftFixtures.item(active: 6, qualified: 10, percent: 60)
    let findings = diff(DriftFixtures.recording(body: DriftFixtures.collection(items)))
    let added = only(.driftItemAdded, in: findings)
    let removed = only(.driftItemRemoved, in: findings)
    let changed = only(.driftValueChanged, in: findings)
    #expect(added.count == 1 && removed.count == 1)
    #expect(
      changed.map(\.pointerText).sorted() == ["/items/0/licensesActive", "/items/0/usagePercent"])
    let active = changed.first { $0.pointerText.hasSuffix("licensesActive") }
    #expect(active?.oldValue == 5 && active?.newValue == 6)
    #expect((added + removed + changed).allSatisfy { $0.severity == .info })
    #expect(findings.contains { $0.kind == FindingKind.driftNewEnumValue })
  }

  @Test func fingerprintsAreStableAcrossRunsAndReordering() {
    var items = DriftFixtures.items
    items[0] = DriftFixtures.item(active: 6, qualified: 10, percent: 60)
    items.append(DriftFixtures.item(workload: "Teams"))
    for index in items.indices { items[index] = items[index].settingMember("newField", 1) }
    let first = diff(DriftFixtures.recording(body: DriftFixtures.collection(items)))
    let again = diff(DriftFixtures.recording(body: DriftFixtures.collection(items)))
    let reversed = diff(DriftFixtures.recording(body: DriftFixtures.collection(items.reversed())))
    #expect(!first.isEmpty)
    #expect(Set(first.map(\.fingerprint)) == Set(again.map(\.fingerprint)))
    #expect(Set(first.map(\.fingerprint)) == Set(reversed.map(\.fingerprint)))
    #expect(Set(first.map(\.fingerprint)).count == first.count)
  }

  @Test func ignorePatternsDropValuesAndIdentityKeys() throws {
    let options = DriftOptions(ignore: [try PointerPattern(parsing: "/items/*/processedDateTime")])
    let engine = DriftEngine(options: options)
    let findings = diff(
      DriftFixtures.mutated { item, _ in item["processedDateTime"] = "2017-04-10T00:00:00" },
      engine: engine)
    #expect(findings.isEmpty)
    #expect(!diff(DriftFixtures.mutated { item, _ in item["processedDateTime"] = "x" }).isEmpty)
  }

  @Test func findingsAreLocatedAtTheFirstMatchingItemOfTheNewFile() {
    let new = DriftFixtures.mutated { item, index in if index == 1 { item["channel"] = nil } }
    let bytes = RecordingCodec.encode(new)
    let findings = engine.diff(
      old: base, new: new, newFile: .init(path: "new.json", bytes: bytes))
    let optional = findings.first { $0.kind == FindingKind.driftBecameOptional }
    let expected = JSONSourceLocator(bytes).locate(
      JSONPointer(tokens: ["response", "body", "items", "1"]))
    #expect(optional?.source?.file == "new.json")
    #expect(optional?.source?.line == expected?.value.line)
    #expect(optional?.source?.line != nil)
  }
}

@Suite("Drift engine on odd input")
struct DriftOddInputTests {
  @Test func deepestAcceptedNestingDiffsInsideATask() async throws {
    let depth = 511
    let old = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
    let new = String(repeating: "[", count: depth) + "\"x\"" + String(repeating: "]", count: depth)
    let oldBody = try JSONParser.parse(Array(old.utf8)).value
    let newBody = try JSONParser.parse(Array(new.utf8)).value
    let findings = await Task {
      DriftEngine().diff(
        old: RecordedResponse(status: 200, body: .json(oldBody)),
        new: RecordedResponse(status: 200, body: .json(newBody)), endpoint: nil, subject: "deep")
    }.value
    #expect(findings.map(\.kind.id) == [FindingKind.driftTypeChanged.id])
  }

  @Test func bodiesThatAreNotCollectionsStillDiff() {
    let findings = DriftEngine().diff(
      old: RecordedResponse(status: 200, body: .json(["code": 3000, "description": "x"])),
      new: RecordedResponse(status: 200, body: .text("<html>")), endpoint: nil, subject: "x")
    #expect(findings.map(\.kind.id) == [FindingKind.driftTypeChanged.id])
    #expect(findings.first?.severity == .error)
  }
}

extension JSONValue {
  func settingMember(_ name: String, _ value: JSONValue) -> JSONValue {
    guard var object = objectValue else { return self }
    object[name] = value
    return .object(object)
  }
}
