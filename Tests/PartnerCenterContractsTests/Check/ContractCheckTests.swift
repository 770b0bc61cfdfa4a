import ContractTestSupport
import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

/// Where `check` places findings and how often it reports configuration problems.
@Suite struct ContractCheckTests {
  static let shippedPath = packageRoot()
    .appendingPathComponent(
      "recordings/customers/4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04/licenses-usage.json"
    ).path

  static func stored() throws -> RecordingStore.Entry {
    let bytes = try FileContents.bytes(atPath: shippedPath)
    return RecordingStore.Entry(
      relativePath: "customers/4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04/licenses-usage.json",
      bytes: bytes,
      recording: Result { try RecordingCodec.decode(bytes) }.mapError { $0 as! RecordingError })
  }

  /// The stored recording captured again with one item fewer in front and item 1's
  /// usagePercent out of range, so every line of the new file differs from the stored one.
  static func recaptured(_ stored: Recording) -> ContractCheck.Captured {
    var recording = stored
    guard case .json(let body) = stored.response.body, case .object(var root) = body,
      var items = root["items"]?.arrayValue, case .object(var item) = items[2]
    else { return ContractCheck.Captured(recording: stored, findings: []) }
    item["usagePercent"] = 140
    items[2] = .object(item)
    items.removeFirst()
    root["items"] = .array(items)
    recording.response.body = .json(.object(root))
    let finding = Finding(
      severity: .error, kind: .schema(keyword: "maximum"),
      message: "140 is greater than the maximum 100",
      pointer: "/items/1/usagePercent", subject: stored.endpoint.subject)
    return ContractCheck.Captured(recording: recording, findings: [finding])
  }

  func check(_ mode: RecordMode, configuration: ContractConfiguration = ContractConfiguration())
    -> ContractCheck
  {
    ContractCheck(
      folder: "recordings", configuration: configuration, failLevel: .atLeast(.error),
      recordMode: mode, today: "2026-12-03")
  }

  @Test(arguments: [RecordMode.none, .missing])
  func findingsOfAnUnwrittenCaptureAreOnTheStoredFilesLines(mode: RecordMode) throws {
    let entry = try Self.stored()
    let stored = try entry.recording.get()
    let outcome = check(mode).compare(
      stored: [entry], captured: [Self.recaptured(stored)], failures: [], customersInScope: .all)
    #expect(outcome.writes.isEmpty)
    let text = String(decoding: entry.bytes, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let maximum = try #require(outcome.findings.first { $0.kind.id == "schema.maximum" })
    let line = try #require(maximum.source?.line)
    // Item 1 of the stored file: its usagePercent line.
    let usageLines = lines.indices.filter { lines[$0].contains("\"usagePercent\"") }.map { $0 + 1 }
    #expect(line == usageLines[1], "\(maximum.source.map { "\($0)" } ?? "none")")
    for finding in outcome.findings {
      if let line = finding.source?.line { #expect(line <= lines.count) }
      #expect(finding.source?.file == "recordings/" + entry.relativePath)
    }
  }

  @Test func findingsOfAWrittenCaptureAreOnTheNewFilesLines() throws {
    let entry = try Self.stored()
    let stored = try entry.recording.get()
    let captured = Self.recaptured(stored)
    let outcome = check(.all).compare(
      stored: [entry], captured: [captured], failures: [], customersInScope: .all)
    #expect(outcome.writes.count == 1)
    let newText = String(decoding: RecordingCodec.encode(captured.recording), as: UTF8.self)
    let maximum = try #require(outcome.findings.first { $0.kind.id == "schema.maximum" })
    #expect(maximum.source?.line == lineNumber(of: "140", in: newText))
  }

  @Test func aCustomerWithoutARecordingIsNamedWithoutAFileThatDoesNotExist() throws {
    let entry = try Self.stored()
    var other = try entry.recording.get()
    other.endpoint = .customerLicensesUsage(customerID: "11111111-2222-4333-8444-555555555555")
    let captured = ContractCheck.Captured(
      recording: other,
      findings: [
        Finding(
          severity: .error, kind: .schema(keyword: "required"), message: "m", pointer: "/items/0")
      ])
    let outcome = check(.none).compare(
      stored: [], captured: [captured], failures: [], customersInScope: .all)
    #expect(!outcome.findings.isEmpty)
    for finding in outcome.findings { #expect(finding.source == nil, "\(finding.kind)") }
  }

  @Test func anExpiredAcceptanceIsReportedOncePerRun() throws {
    let entry = try Self.stored()
    let stored = try entry.recording.get()
    var configuration = ContractConfiguration()
    configuration.acceptedDrift = [
      AcceptedDrift(
        path: try PointerPattern(parsing: "/items/*/usagePercent"), kind: .driftValueChanged,
        reason: "r", expires: "2026-01-31")
    ]
    var captures: [ContractCheck.Captured] = []
    for index in 0..<5 {
      var recording = stored
      recording.endpoint = .customerLicensesUsage(
        customerID: "00000000-0000-4000-8000-00000000000\(index)")
      captures.append(ContractCheck.Captured(recording: recording, findings: []))
    }
    let outcome = check(.none, configuration: configuration).compare(
      stored: [entry], captured: captures, failures: [], customersInScope: .all)
    #expect(outcome.findings.count { $0.kind.id == "config.accepted-drift-expired" } == 1)
  }
}

@Suite struct ConfigurationLoadTests {
  /// Reading entries must not cost a pass over the file each: 20,000 entries took 69 s.
  @Test func twentyThousandAcceptedDriftEntriesLoadInLinearTime() throws {
    func file(_ count: Int) -> [UInt8] {
      let entries = (0..<count).map { index in
        #"{"fingerprint": "\#(String(format: "%016x", index))", "reason": "r\#(index)"}"#
      }
      return Array(("{\"acceptedDrift\": [\n" + entries.joined(separator: ",\n") + "\n]}").utf8)
    }
    let small = file(2_000)
    let large = file(20_000)
    let clock = ContinuousClock()
    let smallTime = try clock.measure { _ = try ContractConfiguration.parse(small, file: "s.json") }
    let largeTime = try clock.measure {
      let configuration = try ContractConfiguration.parse(large, file: "l.json")
      #expect(configuration.acceptedDrift.count == 20_000)
      #expect(configuration.acceptedDrift[19_999].source?.line == 20_001)
    }
    // Ten times the entries: linear is about ten times the time; quadratic is a hundred.
    #expect(largeTime < smallTime * 30 + .milliseconds(200), "\(smallTime) vs \(largeTime)")
  }
}
