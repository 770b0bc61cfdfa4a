import ContractTestSupport
import Foundation
import PartnerCenterContracts
import Testing

/// An outage is no answer: `capture` and `check` against a replay that fails every call.
@Suite(.serialized) struct OutageEndToEndTests {
  static func replay(_ faults: [FaultPlan.Fault], customers: Int = 0) throws -> ReplayServer {
    let shipped = try ReplayConfiguration.recordings(
      inDirectory: packageRoot().appendingPathComponent("recordings").path)
    let server = ReplayServer(
      configuration: ReplayConfiguration(
        recordings: shipped.recordings, synthesizedCustomers: customers,
        faults: FaultPlan(faults: faults)))
    try server.start()
    return server
  }

  /// A copy of the shipped recordings in a fresh folder.
  static func copyOfRecordings() throws -> String {
    let folder = CaptureEndToEndTests.folder()
    try FileManager.default.copyItem(
      atPath: packageRoot().appendingPathComponent("recordings").path, toPath: folder)
    return folder
  }

  @Test(arguments: ["500", "503", "429"])
  func captureOfAnOutageRecordsNothingKeepsTheGoodRecordingAndExits3(fault: String) throws {
    let replay = try Self.replay([FaultPlan.Fault(kind: FaultPlan.Kind(rawValue: fault)!, rate: 1)])
    defer { replay.stop() }
    let out = try Self.copyOfRecordings()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let partner = out + "/partner/licenses-usage.json"
    let before = try Data(contentsOf: URL(fileURLWithPath: partner))
    let run = try runBuiltTool(
      [
        "capture", "partner", "--base-url", "http://127.0.0.1:\(replay.port)", "--out", out,
        "--retries", "0",
      ],
      environment: ["PARTNER_CENTER_TOKEN": "t"])
    #expect(run.code == 3, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout == "captured 0 of 1: 0 valid, 0 invalid, 1 failed\n")
    #expect(run.stderr.contains("HTTP \(fault)"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: partner)) == before)
  }

  @Test func someFailedCallsFailTheRunWithExit1() throws {
    // Half the calls fail: the rest are recorded, the run fails.
    let replay = try Self.replay([FaultPlan.Fault(kind: .internalError, rate: 0.5)], customers: 8)
    defer { replay.stop() }
    let out = CaptureEndToEndTests.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = try runBuiltTool(
      [
        "capture", "customer", "00000000-0000-4000-8000-000000000001",
        "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003",
        "00000000-0000-4000-8000-000000000004", "--base-url",
        "http://127.0.0.1:\(replay.port)", "--out", out, "--retries", "0",
      ],
      environment: ["PARTNER_CENTER_TOKEN": "t"])
    let summary = run.stdout
    #expect(summary.contains("failed"))
    if summary.contains(" 0 failed") {
      #expect(run.code == 0)
    } else if summary.hasPrefix("captured 0 ") {
      #expect(run.code == 3)
    } else {
      #expect(run.code == 1, "\(summary)")
    }
  }

  @Test func aDocumentedNotFoundIsRecordedAndCountedApart() throws {
    let replay = try Self.replay([])
    defer { replay.stop() }
    let out = CaptureEndToEndTests.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let unknown = "11111111-2222-4333-8444-555555555555"
    let run = try runBuiltTool(
      [
        "capture", "customer", unknown, "--base-url", "http://127.0.0.1:\(replay.port)", "--out",
        out,
      ],
      environment: ["PARTNER_CENTER_TOKEN": "t"])
    #expect(run.stdout == "captured 1 of 1: 0 valid, 0 invalid, 1 error response, 0 failed\n")
    let file = out + "/customers/\(unknown)/licenses-usage.json"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    #expect(text.contains("\"status\": 404"))
  }

  @Test func checkDuringAnOutageCouldNotRunAndReportsNoStatusDrift() throws {
    let replay = try Self.replay([FaultPlan.Fault(kind: .unavailable, rate: 1)])
    defer { replay.stop() }
    let folder = try Self.copyOfRecordings()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // Named customers: no customer list to fail first, so the usage calls meet the outage.
    let config = folder + "/../" + UUID().uuidString + ".json"
    try #"{"customers": ["4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04"]}"#.write(
      toFile: config, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: config) }
    let run = try runBuiltTool(
      [
        "check", "--base-url", "http://127.0.0.1:\(replay.port)", "--recordings", folder,
        "--retries", "0", "--record", "all", "--format", "json", "--config", config,
      ],
      environment: ["PARTNER_CENTER_TOKEN": "t"])
    #expect(run.stderr.contains("2 calls failed"), "\(run.stderr)")
    #expect(run.code == 3, "\(run.stdout)\(run.stderr)")
    #expect(!run.stdout.contains("drift.status-changed"))
    let diff = try runBuiltTool([
      "diff", packageRoot().appendingPathComponent("recordings").path, folder,
    ])
    #expect(diff.code == 0, "a recording was replaced: \(diff.stdout)")
  }
}

extension OutageEndToEndTests {
  /// The shipped recordings are what `capture` writes today: capturing them again from a
  /// replay of themselves gives the same bytes, but for the capture time and the base URL.
  @Test func theShippedRecordingsAreWhatCaptureWrites() throws {
    let replay = try Self.replay([])
    defer { replay.stop() }
    let out = CaptureEndToEndTests.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let base = "http://127.0.0.1:\(replay.port)"
    let run = try runBuiltTool(
      ["capture", "all", "--base-url", base, "--out", out],
      environment: ["PARTNER_CENTER_TOKEN": "t"])
    #expect(run.code == 0, "\(run.stderr)")
    let shipped = packageRoot().appendingPathComponent("recordings").path
    let files = try FileManager.default.subpathsOfDirectory(atPath: shipped).filter {
      $0.hasSuffix(".json")
    }
    #expect(files.count == 2)
    for file in files {
      let expected = try String(contentsOfFile: shipped + "/" + file, encoding: .utf8)
      var captured = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
      captured = captured.replacingOccurrences(
        of: base, with: "https://api.partnercenter.microsoft.com")
      let time = #/"capturedAt": "[^"]*"/#
      let shippedTime = try #require(expected.firstMatch(of: time)).output
      captured = captured.replacing(time, with: { _ in shippedTime })
      #expect(captured == expected, "\(file) differs from what capture writes")
    }
  }
}

extension OutageEndToEndTests {
  /// `check --record none` against a replay serving the shipped recordings with a fractional
  /// percentage and the first item gone: no false type drift, and every finding on a line of
  /// the stored file that holds its pointer (or its nearest ancestor).
  @Test func checkAgainstDriftedValuesPointsAtTheStoredFilesLines() throws {
    let folder = try Self.copyOfRecordings()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var recordings = try ReplayConfiguration.recordings(inDirectory: folder).recordings
    for index in recordings.indices where recordings[index].endpoint == .partnerLicensesUsage {
      guard case .json(let body) = recordings[index].response.body, case .object(var root) = body,
        var items = root["items"]?.arrayValue, case .object(var second) = items[1]
      else { continue }
      second["proratedLicensesUsagePercent"] = 2.13
      items[1] = .object(second)
      items.removeFirst()
      root["items"] = .array(items)
      root["totalCount"] = .number(.init(items.count))
      recordings[index].response.body = .json(.object(root))
    }
    let replay = ReplayServer(configuration: ReplayConfiguration(recordings: recordings))
    try replay.start()
    defer { replay.stop() }
    let run = try runBuiltTool(
      [
        "check", "--base-url", "http://127.0.0.1:\(replay.port)", "--recordings", folder,
        "--record", "none", "--format", "json", "--fail-on", "none",
      ],
      environment: ["PARTNER_CENTER_TOKEN": "t"])
    #expect(run.code == 0, "\(run.stderr)")
    #expect(!run.stdout.contains("drift.type-changed"), "\(run.stdout)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let findings = try #require(report["findings"] as? [[String: Any]])
    #expect(!findings.isEmpty)
    for finding in findings {
      guard let source = finding["source"] as? [String: Any], let file = source["file"] as? String
      else { continue }
      #expect(FileManager.default.fileExists(atPath: file), "\(file)")
      let lines = try String(contentsOfFile: file, encoding: .utf8).split(
        separator: "\n", omittingEmptySubsequences: false)
      if let line = source["line"] as? Int { #expect(line >= 1 && line <= lines.count) }
    }
    #expect(findings.contains { ($0["kind"] as? String) == "drift.item-removed" })
    #expect(findings.contains { ($0["source"] as? [String: Any])?["line"] is Int })
  }
}

extension OutageEndToEndTests {
  /// A run that could not happen still writes every report it was asked for.
  @Test func aRunThatCouldNotHappenWritesEveryReport() throws {
    let replay = try Self.replay([FaultPlan.Fault(kind: .unavailable, rate: 1)])
    defer { replay.stop() }
    let folder = try temporaryFolder([:]).path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try runBuiltTool(
      [
        "check", "--base-url", "http://127.0.0.1:\(replay.port)", "--recordings",
        packageRoot().appendingPathComponent("recordings").path, "--retries", "0", "--format",
        "github", "--output", "sarif=c.sarif", "--output", "junit=c.xml", "--output",
        "markdown=c.md", "--output", "json=c.json", "--output", "gitlab=c.gitlab.json",
      ],
      directory: folder, environment: ["PARTNER_CENTER_TOKEN": "t"])
    #expect(run.code == 3)
    #expect(run.stdout.hasPrefix("::error title=run.failed::"), "\(run.stdout)")
    for file in ["c.sarif", "c.xml", "c.md", "c.json", "c.gitlab.json"] {
      let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
      #expect(text.contains("HTTP 503"), "\(file)")
    }
    let sarif =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: folder + "/c.sarif"))) as? [String: Any]
    let results =
      ((sarif?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
    #expect(results.count == 1)
    #expect((results.first?["locations"] as? [Any])?.count == 1)
    let junit = try String(contentsOfFile: folder + "/c.xml", encoding: .utf8)
    #expect(junit.contains("<error type=\"run.failed\""))
  }
}
