import Foundation
import PartnerCenterContracts
import Testing

@Suite("Drift between recording folders")
struct FolderDriftTests {
  func folder(_ recordings: [Recording]) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("drift-folder-\(UUID().uuidString)").path
    let store = RecordingStore(directory: path)
    for recording in recordings { try store.write(recording) }
    return path
  }

  @Test func pairsByEndpointAndReportsAppearedAndDisappearedRecordings() throws {
    let partner = DriftFixtures.recording(
      body: DriftFixtures.collection([]), endpoint: .partnerLicensesUsage)
    let customer = DriftFixtures.recording()
    let otherCustomer = DriftFixtures.recording(
      endpoint: .customerLicensesUsage(customerID: "9f5a7f2a-2a69-4a6f-9b6f-000000000001"))
    let oldPath = try folder([partner, customer])
    let newPath = try folder([
      DriftFixtures.mutated { item, _ in item["customerName"] = nil }, otherCustomer,
    ])
    defer {
      try? FileManager.default.removeItem(atPath: oldPath)
      try? FileManager.default.removeItem(atPath: newPath)
    }
    let drift = FolderDrift(
      old: .init(folder: oldPath, entries: try RecordingStore(directory: oldPath).load()),
      new: .init(folder: newPath, entries: try RecordingStore(directory: newPath).load()),
      engine: DriftEngine())
    let kinds = drift.findings.map { "\($0.kind) \($0.severity) \($0.subject ?? "")" }.sorted()
    #expect(
      kinds == [
        "drift.property-removed error customer-licenses-usage/\(DriftFixtures.customerID)",
        "drift.recording-added info customer-licenses-usage/9f5a7f2a-2a69-4a6f-9b6f-000000000001",
        "drift.recording-removed error partner-licenses-usage",
      ])
    #expect(drift.subjects.count == 3)
    let removed = drift.findings.first { $0.kind == FindingKind.driftPropertyRemoved }
    #expect(removed?.source?.file.hasPrefix(newPath) == true)
    #expect((removed?.source?.line ?? 0) > 1)
  }

  @Test func aCustomerDisappearingIsAWarningAndUnreadableFilesAreErrors() throws {
    let oldPath = try folder([DriftFixtures.recording()])
    let newPath = try folder([])
    defer {
      try? FileManager.default.removeItem(atPath: oldPath)
      try? FileManager.default.removeItem(atPath: newPath)
    }
    try RecordingStore(directory: newPath).write(Array("{".utf8), to: "broken.json")
    let drift = FolderDrift(
      old: .init(folder: oldPath, entries: try RecordingStore(directory: oldPath).load()),
      new: .init(folder: newPath, entries: try RecordingStore(directory: newPath).load()),
      engine: DriftEngine())
    let summary = drift.findings.map { "\($0.kind) \($0.severity)" }.sorted()
    #expect(summary == ["drift.recording-removed warning", "drift.recording-unreadable error"])
  }
}
