import ContractTestSupport
import Foundation
import JSONCore
import PartnerCenterContracts
import Testing

/// The built `pc-contract check` against in-process replay servers: the stored recordings
/// served back unchanged, and a drifted API.
@Suite(.serialized) struct CheckEndToEndTests {
  /// A temporary copy of the package's recordings.
  static func storedRecordings() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID())")
      .path
    try FileManager.default.copyItem(
      atPath: packageRoot().appendingPathComponent("recordings").path, toPath: folder)
    return folder
  }

  static func recordings(in folder: String) throws -> [Recording] {
    try RecordingStore(directory: folder).load().map { try $0.recording.get() }
  }

  static func snapshot(_ folder: String) -> [String: Data] {
    var files: [String: Data] = [:]
    for path in (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [] {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        files[path] = FileManager.default.contents(atPath: folder + "/" + path)
      }
    }
    return files
  }

  /// Serves `recordings` (plus `synthesized` customers) until the test ends.
  static func serve(_ recordings: [Recording], synthesized: Int = 0) throws -> ReplayServer {
    let server = ReplayServer(
      configuration: ReplayConfiguration(recordings: recordings, synthesizedCustomers: synthesized))
    try server.start()
    return server
  }

  /// The partner recording with `channel` removed from every item and a field added.
  static func drifted(_ recordings: [Recording]) -> [Recording] {
    recordings.map { recording in
      guard recording.endpoint == .partnerLicensesUsage,
        case .json(var body) = recording.response.body,
        var collection = body.objectValue, let items = collection["items"]?.arrayValue
      else { return recording }
      collection["items"] = .array(
        items.map { item in
          guard var object = item.objectValue else { return item }
          object["channel"] = nil
          object["licensesAssigned"] = 3
          return .object(object)
        })
      body = .object(collection)
      var changed = recording
      changed.response.body = .json(body)
      return changed
    }
  }

  func check(_ folder: String, port: Int, _ extra: [String] = []) throws -> ToolRun {
    try runBuiltTool(
      [
        "check", "--recordings", folder, "--base-url", "http://127.0.0.1:\(port)", "--format",
        "json",
      ] + extra,
      environment: ["PARTNER_CENTER_TOKEN": "", "CI": ""])
  }

  static func kinds(_ run: ToolRun) -> [String] {
    guard let report = try? JSONParser.parse(run.stdout).value else {
      return ["<not json: \(run.stdout)>"]
    }
    return (report["findings"]?.arrayValue ?? []).compactMap { $0["kind"]?.stringValue }
  }

  @Test func theUnchangedAPIPassesAndADriftedOneFails() throws {
    let folder = try Self.storedRecordings()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let stored = try Self.recordings(in: folder)
    let before = Self.snapshot(folder)

    let unchanged = try Self.serve(stored)
    defer { unchanged.stop() }
    let pass = try check(folder, port: unchanged.port, ["--record", "none"])
    #expect(pass.code == 0, "\(pass.stdout)\(pass.stderr)")
    #expect(Self.kinds(pass).allSatisfy { !$0.hasPrefix("drift.") || $0 == "drift.value-changed" })

    let drifted = try Self.serve(Self.drifted(stored))
    defer { drifted.stop() }
    let fail = try check(
      folder, port: drifted.port,
      ["--record", "none", "--output", "sarif=\(folder)/../\(UUID()).sarif"])
    #expect(fail.code == 1)
    let kinds = Self.kinds(fail)
    #expect(kinds.contains("drift.property-removed"))
    #expect(kinds.contains("drift.property-added"))
    let report = try JSONParser.parse(fail.stdout).value
    let removed = report["findings"]?.arrayValue?.first {
      $0["kind"]?.stringValue == "drift.property-removed"
    }
    #expect(removed?["pointer"]?.stringValue == "/items/*/channel")
    #expect(removed?["severity"]?.stringValue == "error")
    #expect(Self.snapshot(folder) == before, "--record none never writes")
  }

  @Test func acceptedDriftPassesUntilItExpires() throws {
    let folder = try Self.storedRecordings()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let drifted = try Self.serve(Self.drifted(try Self.recordings(in: folder)))
    defer { drifted.stop() }
    let config = folder + "/../pc-contract-\(UUID()).json"
    // The removed property is drift and, while the schema still requires it, a schema finding.
    try
      #"{"acceptedDrift":[{"path":"/items/*/channel","kind":"drift.property-removed","reason":"SDK 2 no longer reads channel","expires":"2026-12-31"},{"path":"/items/*","kind":"schema.required","reason":"until schemas/ drops channel","expires":"2026-12-31"}]}"#
      .write(toFile: config, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: config) }
    let accepted = try check(
      folder, port: drifted.port, ["--record", "none", "--config", config, "--today", "2026-11-21"])
    #expect(accepted.code == 0, "\(accepted.stdout)")
    #expect(!Self.kinds(accepted).contains("drift.property-removed"))
    let expired = try check(
      folder, port: drifted.port, ["--record", "none", "--config", config, "--today", "2027-01-01"])
    #expect(expired.code == 1)
    #expect(Self.kinds(expired).contains("drift.property-removed"))
  }

  @Test func recordModesWriteWhatTheySay() throws {
    let folder = try Self.storedRecordings()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let stored = try Self.recordings(in: folder)
    let before = Self.snapshot(folder)

    let unchanged = try Self.serve(stored, synthesized: 2)
    defer { unchanged.stop() }
    let all = try check(folder, port: unchanged.port, ["--record", "all"])
    #expect(all.code == 0, "\(all.stdout)")
    var after = Self.snapshot(folder)
    #expect(after.count == before.count + 2, "new customers are written")
    for (path, bytes) in before {
      #expect(after[path] == bytes, "\(path) unchanged: an empty git diff")
    }

    let drifted = try Self.serve(Self.drifted(stored))
    defer { drifted.stop() }
    let missing = try check(folder, port: drifted.port, ["--record", "missing"])
    #expect(missing.code == 1)
    after = Self.snapshot(folder)
    #expect(
      after["partner/licenses-usage.json"] == before["partner/licenses-usage.json"],
      "missing does not overwrite")

    let failed = try check(folder, port: drifted.port, ["--record", "failed"])
    #expect(failed.code == 1, "the run that re-records still fails")
    let rewritten = try RecordingCodec.decode(
      [UInt8](Self.snapshot(folder)["partner/licenses-usage.json"] ?? Data()))
    #expect(rewritten.response.body.json?["items"]?[0]?["licensesAssigned"] == 3)
    let settled = try check(folder, port: drifted.port, ["--record", "none"])
    #expect(
      !Self.kinds(settled).contains("drift.property-removed"),
      "the new snapshot is the contract now")
  }

  @Test func credentialsThatCannotBeReadStopTheRunInsteadOfGoingOffline() throws {
    let folder = try Self.storedRecordings()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try runBuiltTool(
      ["check", "--recordings", folder, "--token-file", folder + "/no-such-token"],
      environment: ["PARTNER_CENTER_TOKEN": "", "PARTNER_CENTER_REFRESH_TOKEN": ""])
    #expect(run.code == 3)
    #expect(run.stderr.contains("cannot read a credential from"))
    #expect(!run.stderr.contains("checking the stored recordings offline"))
    #expect(!run.stdout.contains("recordings checked"))
  }

  @Test func withoutCredentialsOrABaseURLItChecksOffline() throws {
    let folder = try Self.storedRecordings()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try runBuiltTool(
      ["check", "--recordings", folder],
      environment: ["PARTNER_CENTER_TOKEN": "", "PARTNER_CENTER_REFRESH_TOKEN": ""])
    #expect(run.code == 0, "\(run.stdout)")
    #expect(run.stderr.contains("no credentials"))
    #expect(run.stdout.hasSuffix("2 recordings checked: 0 errors, 0 warnings\n"))
    let broken = folder + "/partner/licenses-usage.json"
    let text = try String(contentsOfFile: broken, encoding: .utf8).replacingOccurrences(
      of: "\"reseller\"", with: "42")
    try text.write(toFile: broken, atomically: true, encoding: .utf8)
    let failing = try runBuiltTool(["check", "--recordings", folder, "--offline"])
    #expect(failing.code == 1)
    #expect(failing.stdout.contains("partner/licenses-usage.json:"))
    #expect(failing.stdout.contains("/items/0/channel"))
  }

}
