import ContractTestSupport
import Foundation
import Testing

/// Exit codes as the README's table gives them, configuration errors with their place, and
/// the files a killed run leaves behind.
@Suite struct ExitCodeEndToEndTests {
  static func folder(_ files: [String: String] = [:]) throws -> String {
    try temporaryFolder(files).path
  }

  static var recordings: String { packageRoot().appendingPathComponent("recordings").path }

  @Test(arguments: [
    (
      #"{"acceptedDrift": [{"kind": "drift.typo", "path": "/a", "reason": "r"}]}"#,
      #"config.json:1:29: /acceptedDrift/0/kind: unknown finding kind "drift.typo""#
    ),
    (
      #"{"acceptedDrift": [{"fingerprint": "0123456789abcdef", "reason": "r", "expires": "2027-02-30"}]}"#,
      #"config.json:1:82: /acceptedDrift/0/expires: "2027-02-30" is not a valid date: February has 28 days in 2027"#
    ),
    (
      #"{"ignore": [""]}"#,
      #"config.json:1:13: /ignore/0: an empty pattern would match every finding"#
    ),
    (
      #"{"failOn": "sometimes"}"#,
      #"config.json:1:12: /failOn: "sometimes" is not one of ["breaking","error""#
    ),
    ("{not json", "config.json:1:2: not JSON"),
  ])
  func aBadConfigurationIsAUsageErrorWithItsPlace(config: String, message: String) throws {
    let root = try Self.folder(["config.json": config])
    defer { try? FileManager.default.removeItem(atPath: root) }
    for command in [
      ["check", "--offline", "--recordings", Self.recordings],
      ["diff", Self.recordings, Self.recordings],
    ] {
      let run = try runBuiltTool(command + ["--config", "config.json"], directory: root)
      #expect(run.code == 2, "\(command[0]): \(run.stderr)")
      #expect(run.stderr.contains(message), "\(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count == 1)
    }
  }

  @Test func anImpossibleTodayIsAUsageError() throws {
    let run = try runBuiltTool([
      "check", "--offline", "--today", "2027-13-01", "--recordings", Self.recordings,
    ])
    #expect(run.code == 2)
    #expect(run.stderr.contains("month 13 does not exist"))
  }

  @Test func validateOfNothingCouldNotRun() throws {
    let empty = try Self.folder()
    let upperCase = try Self.folder(["partner.JSON": "{}"])
    defer {
      try? FileManager.default.removeItem(atPath: empty)
      try? FileManager.default.removeItem(atPath: upperCase)
    }
    for folder in [empty, upperCase] {
      let validate = try runBuiltTool(["validate", folder])
      #expect(validate.code == 3, "\(validate.stdout)")
      #expect(validate.stderr.contains("no input to check"))
      let check = try runBuiltTool(["check", "--offline", "--recordings", folder])
      #expect(check.code == 3, "\(check.stdout)")
      #expect(check.stderr.contains("no recordings in"))
    }
    let missing = try runBuiltTool(["validate", empty + "/nothing-here.json"])
    #expect(missing.code == 3)
  }

  @Test func diffOfAMissingFolderCouldNotRun() throws {
    let run = try runBuiltTool(["diff", Self.recordings, "/nonexistent-\(UUID())"])
    #expect(run.code == 3)
    #expect(run.stderr.contains("no such file or folder"))
  }

  @Test func leftoversOfAKilledRunAreRemovedAndNothingElse() throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.copyItem(atPath: Self.recordings, toPath: root + "/recordings")
    let partner = root + "/recordings/partner"
    let leftover = partner + "/.licenses-usage.json.\(UUID().uuidString).pc-contract-tmp"
    let unrelated = partner + "/.notes.tmp"
    try "half".write(toFile: leftover, atomically: false, encoding: .utf8)
    try "mine".write(toFile: unrelated, atomically: false, encoding: .utf8)
    let run = try runBuiltTool(
      ["check", "--offline", "--recordings", "recordings"], directory: root)
    #expect(run.code == 0, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: leftover))
    #expect(FileManager.default.fileExists(atPath: unrelated))
    let gitignore = try String(
      contentsOf: packageRoot().appendingPathComponent(".gitignore"), encoding: .utf8)
    #expect(gitignore.contains("*.pc-contract-tmp"))
  }
}

extension ExitCodeEndToEndTests {
  /// The shipped partner recording with `change` applied.
  static func recording(_ change: (inout [String: Any]) -> Void) throws -> String {
    let path = packageRoot().appendingPathComponent("recordings/partner/licenses-usage.json")
    var object = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as! [String: Any]
    change(&object)
    return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }

  @Test(arguments: ["Authorization", "authorization", "COOKIE", "proxy-authorization"])
  func aRecordingWithCredentialsIsNoRecording(header: String) throws {
    let text = try Self.recording { object in
      var request = object["request"] as! [String: Any]
      var headers = request["headers"] as? [String: Any] ?? [:]
      headers[header] = "Bearer secret"
      request["headers"] = headers
      object["request"] = request
    }
    let root = try Self.folder(["recordings/partner/licenses-usage.json": text, "one.json": text])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let check = try runBuiltTool(
      ["check", "--offline", "--recordings", "recordings"], directory: root)
    #expect(check.code == 1, "\(check.stdout)")
    #expect(
      check.stdout.contains("input.invalid-recording") || check.stdout.contains("not a recording"))
    let validate = try runBuiltTool(["validate", "one.json"], directory: root)
    #expect(validate.code == 1)
    let bySchema = try runBuiltTool(
      ["validate", "--schema", "recording", "one.json"], directory: root)
    #expect(bySchema.code == 1, "\(bySchema.stdout)")
    #expect(bySchema.stdout.contains("/request/headers"))
  }

  @Test func aRecordingCapturedAtWithoutAnOffsetIsNoRecording() throws {
    let text = try Self.recording { $0["capturedAt"] = "2026-11-21T08:00:00" }
    let root = try Self.folder(["recordings/partner/licenses-usage.json": text])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let check = try runBuiltTool(
      ["check", "--offline", "--recordings", "recordings"], directory: root)
    #expect(check.code == 1)
    #expect(check.stdout.contains("/capturedAt"))
    #expect(check.stdout.contains("it has no offset"))
  }

  @Test func schemaRecordingValidatesTheFileNotTheBody() throws {
    let good = try runBuiltTool(
      ["validate", "--schema", "recording", "recordings/partner/licenses-usage.json"],
      directory: packageRoot().path)
    #expect(good.code == 0, "\(good.stdout)")
    let body = try runBuiltTool(
      ["validate", "--schema", "recording", "-"], stdin: Array(#"{"totalCount": 0}"#.utf8))
    #expect(body.code == 1)
    #expect(body.stdout.contains(#"the required property "formatVersion" is missing"#))
  }
}
