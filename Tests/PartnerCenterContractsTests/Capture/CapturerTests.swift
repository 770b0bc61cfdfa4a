import Foundation
import JSONCore
import Synchronization
import Testing

@testable import PartnerCenterContracts

@Suite struct CapturerTests {
  static let customerA = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1"
  static let customerB = "1f6a7b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b"
  static let fastRetries = RetryPolicy(baseDelay: 0.001, maximumServerDelay: 0.01)

  /// Captures `targets` through `transport` into a fresh folder.
  func capture(
    _ targets: [CaptureTarget], transport: ScriptedTransport, token: String = "canary-token-4f2a9c",
    pageSize: Int = 2, events: @escaping @Sendable (CaptureEvent) -> Void = { _ in }
  ) async throws(CaptureError) -> (summary: CaptureSummary, folder: String) {
    let folder = temporaryFolder()
    let store = RecordingStore(directory: folder)
    let capturer = Capturer(
      options: CaptureOptions(
        baseURL: "http://127.0.0.1:9/", concurrency: 4, retryPolicy: Self.fastRetries,
        customerPageSize: pageSize, now: { Date(timeIntervalSince1970: 1_795_000_000) }),
      transport: transport,
      tokens: AccessTokenProvider(source: .accessToken(Secret(token)), transport: transport),
      validator: ContractValidator())
    let summary = try await capturer.run(
      targets, sink: { recording throws(RecordingStoreError) in try store.write(recording) },
      events: events)
    return (summary, folder)
  }

  @Test func anEchoedTokenIsScrubbedAndSaidSo() async throws {
    let token = "canary-token-4f2a9c"
    let transport = ScriptedTransport { _, _ in
      .success(jsonResponse(partnerUsageBody(), headers: ["X-Echo": "Bearer \(token)"]))
    }
    let (summary, folder) = try await capture([.partner], transport: transport, token: token)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let scrubbed = summary.findings.filter { $0.kind.id == "capture.secret-scrubbed" }
    #expect(scrubbed.count == 1)
    #expect(scrubbed.first?.severity == .info)
    #expect(scrubbed.first?.message.contains("1 place") == true)
    let text = try String(
      contentsOfFile: folder + "/partner/licenses-usage.json", encoding: .utf8)
    #expect(!text.contains(token) && text.contains("Bearer <redacted>"))
    // A clean exchange says nothing about secrets.
    let clean = ScriptedTransport { _, _ in .success(jsonResponse(partnerUsageBody())) }
    let (quiet, other) = try await capture([.partner], transport: clean, token: token)
    defer { try? FileManager.default.removeItem(atPath: other) }
    #expect(!quiet.findings.contains { $0.kind.id == "capture.secret-scrubbed" })
  }

  @Test func capturesThePartnerAndACustomerWithTheReferenceHeaders() async throws {
    let transport = ScriptedTransport { request, _ in
      .success(
        jsonResponse(
          request.url.hasSuffix("/v1/analytics/licenses/usage")
            ? partnerUsageBody() : customerUsageBody(),
          headers: ["MS-RequestId": request.headers["MS-RequestId"] ?? "", "MS-CV": "abc"]))
    }
    let (summary, folder) = try await capture(
      [.partner, .customer(Self.customerA)], transport: transport)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(summary.captured == 2 && summary.failed == 0 && summary.planned == 2)
    let requests = transport.requests
    #expect(
      Set(requests.map(\.url)) == [
        "http://127.0.0.1:9/v1/analytics/licenses/usage",
        "http://127.0.0.1:9/v1/customers/\(Self.customerA)/analytics/licenses/usage",
      ])
    for request in requests {
      #expect(request.headers["Authorization"] == "Bearer canary-token-4f2a9c")
      #expect(request.headers["Accept"] == "application/json")
      #expect(request.headers["X-Locale"] == "en-US")
      #expect(isGUID(request.headers["MS-RequestId"] ?? ""))
      #expect(isGUID(request.headers["MS-CorrelationId"] ?? ""))
      #expect(request.headers["MS-PartnerCenter-Client"] == "pc-contract")
    }
    #expect(requests[0].headers["MS-CorrelationId"] != requests[1].headers["MS-CorrelationId"])
    let entries = try RecordingStore(directory: folder).load()
    #expect(
      entries.map(\.relativePath) == [
        "customers/\(Self.customerA)/licenses-usage.json", "partner/licenses-usage.json",
      ])
    let partner = try entries[1].recording.get()
    #expect(partner.request.headers["Authorization"] == nil)
    #expect(partner.request.headers["MS-RequestId"] == nil)
    #expect(partner.response.headers["Date"] == nil && partner.response.headers["MS-CV"] == nil)
    #expect(partner.response.headers["Content-Type"] == "application/json; charset=utf-8")
    #expect(partner.capturedAt == "2026-11-18T11:06:40Z")
    #expect(entries[1].bytes == RecordingCodec.encode(partner))
  }

  @Test func followsTheCustomerListAcrossPages() async throws {
    let ids = [Self.customerA, Self.customerB, "2a2a2a2a-3b3b-4c4c-8d8d-9e9e9e9e9e9e"]
    let transport = ScriptedTransport { request, _ in
      guard request.url.contains("/v1/customers?") || request.url.hasSuffix("/v1/customers/next")
      else {
        return .success(jsonResponse(customerUsageBody()))
      }
      let page = request.headers["MS-ContinuationToken"] == "page-2" ? 1 : 0
      let slice = page == 0 ? ids[0..<2] : ids[2...]
      let items = slice.map { #"{"id":"\#($0)"}"# }.joined(separator: ",")
      let next =
        page == 0
        ? #","links":{"next":{"uri":"/customers/next","method":"GET","headers":[{"key":"MS-ContinuationToken","value":"page-2"}]}}"#
        : ""
      return .success(
        jsonResponse(
          Array(
            #"{"totalCount":\#(slice.count),"items":[\#(items)]\#(next),"attributes":{"objectType":"Collection"}}"#
              .utf8)))
    }
    let (summary, folder) = try await capture([.allCustomers], transport: transport)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(summary.captured == 3)
    let listRequests = transport.requests.filter {
      $0.url.contains("/v1/customers?") || $0.url.hasSuffix("/next")
    }
    #expect(
      listRequests.map(\.url) == [
        "http://127.0.0.1:9/v1/customers?size=2", "http://127.0.0.1:9/v1/customers/next",
      ])
    #expect(listRequests[1].headers["MS-ContinuationToken"] == "page-2")
    #expect(try RecordingStore(directory: folder).load().count == 3)
  }

  @Test func retriesServerErrorsWithTheSameRequestID() async throws {
    let transport = ScriptedTransport { _, previous in
      previous < 2
        ? .success(jsonResponse(Array("oops".utf8), status: 500))
        : .success(jsonResponse(partnerUsageBody()))
    }
    let retries = Mutex(0)
    let (summary, folder) = try await capture([.partner], transport: transport) { event in
      if case .retrying = event { retries.withLock { $0 += 1 } }
    }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(summary.captured == 1)
    let requests = transport.requests
    #expect(requests.count == 3)
    #expect(Set(requests.map { $0.headers["MS-RequestId"] ?? "" }).count == 1)
    #expect(Set(requests.map { $0.headers["MS-CorrelationId"] ?? "" }).count == 3)
    #expect(retries.withLock { $0 } == 2)
  }

  @Test func waitsOutThrottlingThenCaptures() async throws {
    let transport = ScriptedTransport { _, previous in
      previous == 0
        ? .success(
          jsonResponse(
            Array(
              #"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 1 seconds."}"#
                .utf8), status: 429, headers: ["Retry-After": "0"]))
        : .success(jsonResponse(partnerUsageBody()))
    }
    let throttled = Mutex(0)
    let (summary, folder) = try await capture([.partner], transport: transport) { event in
      if case .throttled = event { throttled.withLock { $0 += 1 } }
    }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(summary.captured == 1)
    #expect(transport.requests.count == 2)
    #expect(throttled.withLock { $0 } == 1)
  }

  @Test(arguments: [
    TransportError.truncatedBody(expected: 100, received: 40), .connectionLost("reset"),
    .timedOut(seconds: 1),
  ])
  func transportFailuresAreRetriedThenFailWithoutARecording(error: TransportError) async throws {
    let transport = ScriptedTransport { _, _ in .failure(error) }
    let (summary, folder) = try await capture([.partner], transport: transport)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(summary.captured == 0 && summary.failed == 1)
    #expect(transport.requests.count == 4)
    #expect(summary.findings.first?.kind.id == "capture.failed")
    #expect(summary.findings.first?.message.contains("after 4 attempts") == true)
    #expect((try? FileManager.default.subpathsOfDirectory(atPath: folder))?.isEmpty ?? true)
  }

  @Test func notFoundIsRecordedAsTheErrorItIsWithoutRetrying() async throws {
    let transport = ScriptedTransport { _, _ in
      .success(
        jsonResponse(
          Array(#"{"code":600,"description":"Customer not found","source":"PartnerFD"}"#.utf8),
          status: 404))
    }
    let (summary, folder) = try await capture([.customer(Self.customerA)], transport: transport)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(transport.requests.count == 1)
    #expect(summary.captured == 1)
    let recording = try RecordingStore(directory: folder).load()[0].recording.get()
    #expect(recording.response.status == 404)
  }

  @Test func aRejectedTokenStopsTheCaptureAndWritesNothing() async {
    let transport = ScriptedTransport { _, _ in
      .success(HTTPResponse(status: 401, headers: ["WWW-Authenticate": "OAuth realm=x"]))
    }
    await #expect(throws: CaptureError.self) {
      _ = try await capture([.partner, .customer(Self.customerA)], transport: transport)
    }
    // A fixed access token cannot be renewed, so each call tries once.
    #expect(transport.requests.count <= 2)
  }

  @Test func theTokenNeverReachesARecordingEvenWhenTheServerEchoesIt() async throws {
    let canary = "canary-token-7d1e5b"
    let transport = ScriptedTransport { request, _ in
      let echoed = request.headers["Authorization"] ?? ""
      return .success(
        jsonResponse(
          customerUsageBody(customerName: "\(echoed) \(canary)"), headers: ["X-Echo": echoed]))
    }
    let (summary, folder) = try await capture(
      [.customer(Self.customerA)], transport: transport, token: canary)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(summary.captured == 1)
    let written = String(decoding: allBytes(below: folder), as: UTF8.self)
    #expect(!written.isEmpty)
    #expect(!written.contains(canary))
    #expect(!written.contains("Bearer canary"))
    #expect(written.contains("<redacted>"))
  }

  @Test func customerIdsThatAreNotGUIDsNeverBecomePaths() async throws {
    let transport = ScriptedTransport { request, _ in
      if request.url.contains("/v1/customers?") {
        return .success(
          jsonResponse(
            Array(
              #"{"totalCount":2,"items":[{"id":"../../escape"},{"id":"\#(Self.customerA)"}],"attributes":{"objectType":"Collection"}}"#
                .utf8)))
      }
      return .success(jsonResponse(customerUsageBody()))
    }
    let (summary, folder) = try await capture([.allCustomers], transport: transport)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(summary.captured == 1)
    #expect(
      summary.findings.contains {
        $0.kind.id == "capture.invalid-customer-id" && $0.pointer == "/items/0/id"
      })
    #expect(!transport.requests.contains { $0.url.contains("escape") })
  }
}
