import ContractTestSupport
import Foundation
import PartnerCenterContracts
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Starts the built `pc-contract replay`, reads the port from its first line, sends requests,
/// and stops it with SIGTERM.
@Suite struct ReplayEndToEndTests {
  final class Output: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
  }

  struct Running {
    var process: Process
    var stdout: Output
    var stderr: Output
    var port: Int
  }

  func start(_ arguments: [String]) throws -> Running {
    let process = Process()
    process.executableURL = builtToolURL()
    process.arguments = ["replay"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let stdout = Output()
    let stderr = Output()
    out.fileHandleForReading.readabilityHandler = { stdout.append($0.availableData) }
    err.fileHandleForReading.readabilityHandler = { stderr.append($0.availableData) }
    try process.run()
    for _ in 0..<200 {
      if let line = stdout.text.split(separator: "\n").first, stdout.text.contains("\n"),
        let port = Int(line)
      {
        return Running(process: process, stdout: stdout, stderr: stderr, port: port)
      }
      if !process.isRunning { break }
      Thread.sleep(forTimeInterval: 0.05)
    }
    process.terminate()
    throw CocoaError(.fileReadUnknown, userInfo: ["stderr": stderr.text])
  }

  func stop(_ running: Running) -> Int32 {
    kill(running.process.processIdentifier, SIGTERM)
    for _ in 0..<200 where running.process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
    if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
    running.process.waitUntilExit()
    return running.process.terminationStatus
  }

  func get(_ port: Int, _ path: String, headers: [String: String]) async throws -> Int {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
    request.timeoutInterval = 10
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (_, response) = try await URLSession.shared.data(for: request)
    return (response as? HTTPURLResponse)?.statusCode ?? 0
  }

  func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("replay-e2e-\(UUID().uuidString)").path
    let body = Array(#"{"totalCount":0,"items":[],"attributes":{"objectType":"Collection"}}"#.utf8)
    try RecordingStore(directory: path).write(
      Recording(
        endpoint: .partnerLicensesUsage,
        request: RecordedRequest(
          url: "https://api.partnercenter.microsoft.com/v1/analytics/licenses/usage"),
        response: RecordedResponse(status: 200, bodyBytes: body),
        capturedAt: "2026-11-21T08:00:00Z", toolVersion: "0.1.0"))
    return path
  }

  @Test func servesUntilSIGTERMAndReportsTheClientsMistakes() async throws {
    let recordings = try folder()
    let report = recordings + "/report.json"
    defer { try? FileManager.default.removeItem(atPath: recordings) }
    let running = try start([
      "--port", "0", "--recordings", recordings, "--report", report, "--format", "json",
      "--variants",
    ])
    let good = [
      "Authorization": "Bearer t", "Accept": "application/json",
      "MS-RequestId": UUID().uuidString, "MS-CorrelationId": UUID().uuidString,
    ]
    let status = try await get(running.port, "/v1/analytics/licenses/usage", headers: good)
    var noToken = good
    noToken["Authorization"] = nil
    noToken["MS-RequestId"] = UUID().uuidString
    noToken["MS-CorrelationId"] = UUID().uuidString
    let unauthorized = try await get(running.port, "/v1/analytics/licenses/usage", headers: noToken)
    var variantHeaders = good
    variantHeaders["MS-RequestId"] = UUID().uuidString
    variantHeaders["MS-CorrelationId"] = UUID().uuidString
    let variant = try await get(
      running.port, "/v1/customers/00000000-0000-4000-8000-000000000004/analytics/licenses/usage",
      headers: variantHeaders)
    let code = stop(running)
    #expect(status == 200)
    #expect(unauthorized == 401)
    #expect(variant == 200)
    #expect(code == 1)
    #expect(running.stderr.text.contains("request.headers/Authorization: no Authorization header"))
    #expect(running.stderr.text.contains("3 requests"))
    let written = try String(contentsOfFile: report, encoding: .utf8)
    #expect(written.contains("request.missing-authorization"))
  }

  @Test func listsVariantsAndRefusesBadOptions() throws {
    let list = try runBuiltTool(["replay", "--list-variants"])
    #expect(list.code == 0)
    #expect(list.stdout.contains("00000000-0000-4000-8000-000000000012  valid    byte-order-mark"))
    #expect(list.stdout.contains("invalid  truncated-json"))
    let badFault = try runBuiltTool(["replay", "--fault", "404:0.5"])
    #expect(badFault.code == 2)
    #expect(badFault.stderr.contains("--fault"))
    let missing = try runBuiltTool(["replay", "--recordings", "/nonexistent/recordings"])
    #expect(missing.code == 3)
  }
}
