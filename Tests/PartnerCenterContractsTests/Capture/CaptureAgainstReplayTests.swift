import Foundation
import Synchronization
import Testing

@testable import PartnerCenterContracts

/// The capture client against an in-process replay server on loopback.
@Suite struct CaptureAgainstReplayTests {
  static let knownCustomer = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1"

  static func recordings() -> [Recording] {
    [
      Recording(
        endpoint: .partnerLicensesUsage,
        request: RecordedRequest(
          url: "https://api.partnercenter.microsoft.com/v1/analytics/licenses/usage"),
        response: RecordedResponse(
          status: 200, headers: ["Content-Type": "application/json"], bodyBytes: partnerUsageBody()),
        capturedAt: "2026-11-21T08:00:00Z", toolVersion: "0.1.0"),
      Recording(
        endpoint: .customerLicensesUsage(customerID: knownCustomer),
        request: RecordedRequest(
          url:
            "https://api.partnercenter.microsoft.com/v1/customers/\(knownCustomer)/analytics/licenses/usage"
        ),
        response: RecordedResponse(
          status: 200, headers: ["Content-Type": "application/json"], bodyBytes: customerUsageBody()
        ),
        capturedAt: "2026-11-21T08:00:00Z", toolVersion: "0.1.0"),
    ]
  }

  /// Starts a replay with `configure` applied, captures `targets` from it, stops it.
  func capture(
    _ targets: [CaptureTarget], timeout: Double = 10,
    retries: RetryPolicy = RetryPolicy(baseDelay: 0.01, maximumServerDelay: 0.05),
    configure: (inout ReplayConfiguration) -> Void = { _ in }
  ) async throws -> (summary: CaptureSummary, folder: String, requests: Int, events: [CaptureEvent])
  {
    var configuration = ReplayConfiguration(recordings: Self.recordings())
    configure(&configuration)
    let server = ReplayServer(configuration: configuration)
    try server.start()
    defer { server.stop() }
    let folder = temporaryFolder()
    let store = RecordingStore(directory: folder)
    let transport = URLSessionTransport(maximumConnections: 4, idleTimeout: timeout)
    let capturer = Capturer(
      options: CaptureOptions(
        baseURL: "http://127.0.0.1:\(server.port)", concurrency: 4, retryPolicy: retries,
        requestTimeout: timeout, customerPageSize: 10),
      transport: transport,
      tokens: AccessTokenProvider(
        source: .accessToken(Secret("replay-token-123")), transport: transport),
      validator: ContractValidator())
    let events = Mutex<[CaptureEvent]>([])
    let summary = try await capturer.run(
      targets, sink: { recording throws(RecordingStoreError) in try store.write(recording) },
      events: { event in events.withLock { $0.append(event) } })
    return (summary, folder, server.requestCount, events.withLock { $0 })
  }

  @Test func capturesThePartnerAndOneCustomer() async throws {
    let run = try await capture([.partner, .customer(Self.knownCustomer)])
    defer { try? FileManager.default.removeItem(atPath: run.folder) }
    #expect(run.summary.captured == 2 && run.summary.failed == 0)
    #expect(run.requests == 2)
    let entries = try RecordingStore(directory: run.folder).load()
    #expect(entries.count == 2)
    let customer = try entries[0].recording.get()
    #expect(customer.response.body == Self.recordings()[1].response.body)
  }

  @Test func capturesEveryCustomerAcrossSeveralPages() async throws {
    let run = try await capture([.allCustomers]) { $0.synthesizedCustomers = 24 }
    defer { try? FileManager.default.removeItem(atPath: run.folder) }
    #expect(run.summary.planned == 25)
    #expect(run.summary.captured == 25 && run.summary.failed == 0)
    let pages = run.events.compactMap { event -> Int? in
      if case .listedCustomers(let page, _) = event { return page }
      return nil
    }
    #expect(pages == [1, 2, 3])
    #expect(try RecordingStore(directory: run.folder).load().count == 25)
  }

  @Test(arguments: [FaultPlan.Kind.throttle, .internalError, .unavailable, .reset, .truncate])
  func recoversFromInjectedFaults(kind: FaultPlan.Kind) async throws {
    // With 15% faults and 6 attempts a call fails for good with odds of 1 in 90,000, so which
    // request meets which fault (it depends on timing) cannot make this test flaky.
    let retries = RetryPolicy(maximumRetries: 5, baseDelay: 0.01, maximumServerDelay: 0.05)
    let run = try await capture([.allCustomers], retries: retries) {
      $0.synthesizedCustomers = 19
      $0.faults = FaultPlan(faults: [FaultPlan.Fault(kind: kind, rate: 0.15)], seed: 7)
    }
    defer { try? FileManager.default.removeItem(atPath: run.folder) }
    #expect(run.summary.captured == 20, "\(kind): \(run.summary.findings.map(\.message))")
    #expect(run.requests > 21, "faults were injected and retried")
    for entry in try RecordingStore(directory: run.folder).load() {
      #expect(try entry.recording.get().response.status == 200)
    }
  }

  @Test func alwaysFailingCallsEndAfterTheRetriesWithoutARecording() async throws {
    let run = try await capture([.partner]) {
      $0.faults = FaultPlan(faults: [FaultPlan.Fault(kind: .truncate, rate: 1)])
    }
    defer { try? FileManager.default.removeItem(atPath: run.folder) }
    #expect(run.summary.failed == 1 && run.summary.captured == 0)
    #expect(run.requests == 4)
    #expect(run.summary.findings.first?.message.contains("after 4 attempts") == true)
    #expect((try? FileManager.default.subpathsOfDirectory(atPath: run.folder))?.isEmpty ?? true)
  }

  @Test func aSlowBodyPastTheTimeoutFails() async throws {
    let run = try await capture(
      [.partner], timeout: 0.4, retries: RetryPolicy(maximumRetries: 1, baseDelay: 0.01)
    ) {
      $0.faults = FaultPlan(faults: [FaultPlan.Fault(kind: .slow, rate: 1)])
    }
    defer { try? FileManager.default.removeItem(atPath: run.folder) }
    #expect(run.summary.failed == 1 && run.summary.captured == 0)
    #expect(run.summary.findings.first?.message.contains("after 2 attempts") == true)
  }

  @Test func anUnknownCustomerIsRecordedAsANotFoundWithoutRetrying() async throws {
    let unknown = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
    let run = try await capture([.customer(unknown)])
    defer { try? FileManager.default.removeItem(atPath: run.folder) }
    #expect(run.requests == 1)
    #expect(run.summary.captured == 1)
    let recording = try RecordingStore(directory: run.folder).load()[0].recording.get()
    #expect(recording.response.status == 404)
    #expect(recording.response.body.json?["description"]?.stringValue?.contains(unknown) == true)
  }

  @Test func theReplayFindsNothingWrongWithTheCapturesRequests() async throws {
    let findings = Mutex<[Finding]>([])
    let run = try await capture([.partner, .allCustomers]) {
      $0.synthesizedCustomers = 5
      $0.onFinding = { finding in findings.withLock { $0.append(finding) } }
    }
    defer { try? FileManager.default.removeItem(atPath: run.folder) }
    #expect(run.summary.captured == 7)
    #expect(findings.withLock { $0 }.map(\.message) == [])
  }
}
