import ContractTestSupport
import Foundation
import PartnerCenterContracts
import Testing

/// The built `pc-contract capture` against an in-process replay server and a local token
/// authority.
@Suite(.serialized) struct CaptureEndToEndTests {
  static let refreshCanary = "canary-refresh-1a2b3c4d"
  static let secretCanary = "canary-secret-5e6f7a8b"
  static let accessCanary = "canary-access-9c0d1e2f"

  /// A token authority for tenant `t1` that trades ``refreshCanary`` for ``accessCanary`` and
  /// rejects anything else, quoting the request back in its error (as real ones sometimes do).
  static func authority() throws -> HTTPServer {
    let server = HTTPServer { request in
      let form = String(decoding: request.body, as: UTF8.self)
      guard request.path == "/t1/oauth2/token", form.contains("refresh_token=\(refreshCanary)")
      else {
        return HTTPReply(
          .json(
            400, Array(#"{"error":"invalid_grant","error_description":"bad grant: \#(form)"}"#.utf8)
          ))
      }
      return HTTPReply(
        .json(
          200,
          Array(
            #"{"access_token":"\#(accessCanary)","expires_in":3600,"refresh_token":"\#(refreshCanary)-2"}"#
              .utf8)))
    }
    try server.start()
    return server
  }

  static func replay(customers: Int, latencyMilliseconds: Int = 0) throws -> ReplayServer {
    let server = ReplayServer(
      configuration: ReplayConfiguration(
        synthesizedCustomers: customers, faults: FaultPlan(latencyMilliseconds: latencyMilliseconds)
      ))
    try server.start()
    return server
  }

  static func folder() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("capture-e2e-\(UUID())").path
  }

  static func files(below folder: String) -> [String] {
    ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []).filter {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + "/" + $0, isDirectory: &isDirectory)
      return !isDirectory.boolValue
    }.sorted()
  }

  @Test func noCanaryEverReachesAnOutputOrAFile() throws {
    let replay = try Self.replay(customers: 3)
    defer { replay.stop() }
    let authority = try Self.authority()
    defer { authority.stop() }
    let out = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let environment = [
      "PARTNER_CENTER_TOKEN": "", "PARTNER_CENTER_REFRESH_TOKEN": Self.refreshCanary,
      "PARTNER_CENTER_CLIENT_ID": "app", "PARTNER_CENTER_CLIENT_SECRET": Self.secretCanary,
    ]
    let good = try runBuiltTool(
      [
        "capture", "customers", "--base-url", "http://127.0.0.1:\(replay.port)", "--out", out,
        "--authority", "http://127.0.0.1:\(authority.port)", "--tenant", "t1",
      ],
      environment: environment)
    #expect(good.code == 0, "\(good.stderr)")
    #expect(good.stdout == "captured 3 of 3: 3 valid, 0 invalid, 0 failed\n")
    #expect(Self.files(below: out).count == 3)

    let rejectedOut = Self.folder()
    let rejected = try runBuiltTool(
      [
        "capture", "customers", "--base-url", "http://127.0.0.1:\(replay.port)", "--out",
        rejectedOut,
        "--authority", "http://127.0.0.1:\(authority.port)", "--tenant", "other",
      ],
      environment: environment)
    #expect(rejected.code == 3)
    #expect(
      rejected.stderr.contains("the authority rejected the refresh token (HTTP 400, invalid_grant)")
    )
    #expect(!FileManager.default.fileExists(atPath: rejectedOut))

    var everything = good.stdout + good.stderr + rejected.stdout + rejected.stderr
    for file in Self.files(below: out) {
      everything += String(
        decoding: FileManager.default.contents(atPath: out + "/" + file) ?? Data(), as: UTF8.self)
    }
    for canary in [Self.refreshCanary, Self.secretCanary, Self.accessCanary, "canary-"] {
      #expect(!everything.contains(canary), "\(canary) leaked")
    }
  }

  @Test func aKilledCaptureLeavesOnlyCompleteRecordingsAndResumes() throws {
    let replay = try Self.replay(customers: 200, latencyMilliseconds: 20)
    defer { replay.stop() }
    let out = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let arguments = [
      "capture", "customers", "--base-url", "http://127.0.0.1:\(replay.port)", "--out", out,
      "--concurrency", "4",
    ]
    let process = Process()
    process.executableURL = builtToolURL()
    process.arguments = arguments
    process.environment = ["PARTNER_CENTER_TOKEN": "kill-test-token"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(30)
    while Self.files(below: out).filter({ $0.hasSuffix(".json") }).count < 20, Date() < deadline {
      Thread.sleep(forTimeInterval: 0.02)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let written = Self.files(below: out).filter {
      !($0 as NSString).lastPathComponent.hasPrefix(".")
    }
    #expect(written.count >= 20 && written.count < 200, "killed mid-capture")
    for file in written {
      let bytes = [UInt8](FileManager.default.contents(atPath: out + "/" + file) ?? Data())
      #expect(throws: Never.self, "\(file) is complete") { try RecordingCodec.decode(bytes) }
    }

    let resumed = try runBuiltTool(
      arguments + ["--resume"], environment: ["PARTNER_CENTER_TOKEN": "kill-test-token"])
    #expect(resumed.code == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains(", \(written.count) skipped"))
    let final = Self.files(below: out)
    #expect(
      final.count == 200,
      "every customer once, no temporary files left: \(final.filter { !$0.hasSuffix("/licenses-usage.json") })"
    )
  }

  @Test func anInterruptedCaptureStopsCleanlyWithExitThree() throws {
    let replay = try Self.replay(customers: 200, latencyMilliseconds: 20)
    defer { replay.stop() }
    let out = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let process = Process()
    process.executableURL = builtToolURL()
    process.arguments = [
      "capture", "customers", "--base-url", "http://127.0.0.1:\(replay.port)", "--out", out,
    ]
    process.environment = ["PARTNER_CENTER_TOKEN": "interrupt-test-token"]
    let stderr = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = stderr
    try process.run()
    let deadline = Date().addingTimeInterval(30)
    while Self.files(below: out).count < 10, Date() < deadline {
      Thread.sleep(forTimeInterval: 0.02)
    }
    process.interrupt()
    let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 3)
    #expect(errors.hasSuffix("interrupted\n") || errors.contains("interrupted; stopped"))
    let files = Self.files(below: out)
    #expect(!files.contains { $0.hasSuffix(".pc-contract-tmp") })
    #expect(files.count < 200)
  }
}
