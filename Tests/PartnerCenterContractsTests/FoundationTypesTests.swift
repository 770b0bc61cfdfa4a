import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

@Suite struct EndpointTests {
  @Test(arguments: [
    (
      "https://api.partnercenter.microsoft.com/v1/analytics/licenses/usage",
      Endpoint.partnerLicensesUsage
    ),
    ("/v1/analytics/licenses/usage?x=1", .partnerLicensesUsage),
    (
      "http://127.0.0.1:8080/base/v1/Customers/abc/Analytics/licenses/usage/",
      .customerLicensesUsage(customerID: "abc")
    ),
    ("https://h/v1/customers?size=10", .customerList),
  ])
  func recognisesEndpointsFromURLs(url: String, endpoint: Endpoint) {
    #expect(Endpoint(url: url) == endpoint)
  }

  @Test(arguments: [
    "https://h/v1/customers/abc", "https://h/v2/analytics/licenses/usage", "https://h", "nonsense",
  ])
  func rejectsOtherURLs(url: String) {
    #expect(Endpoint(url: url) == nil)
  }

  @Test func pathAndSubjectRoundTrip() {
    let endpoint = Endpoint.customerLicensesUsage(
      customerID: "0c39d6d5-c70d-4c55-bc02-f620844f3fd1")
    #expect(Endpoint(url: "https://x" + endpoint.path) == endpoint)
    #expect(endpoint.subject == "customer-licenses-usage/0c39d6d5-c70d-4c55-bc02-f620844f3fd1")
  }
}

@Suite struct FindingTests {
  @Test func fingerprintIsStableAndDistinguishesParts() {
    let one = Finding(
      severity: .error, kind: .schema(keyword: "required"), message: "m", pointer: "/items/0")
    let same = Finding(
      severity: .warning, kind: .schema(keyword: "required"), message: "other", pointer: "/items/0")
    let other = Finding(
      severity: .error, kind: .schema(keyword: "required"), message: "m", pointer: "/items/1")
    #expect(one.fingerprint == same.fingerprint)
    #expect(one.fingerprint != other.fingerprint)
    #expect(one.fingerprint.count == 16)
    // Pinned so a change of the hash (which would void every accepted drift entry) is noticed.
    #expect(
      Finding.fingerprint(kind: "a", subject: nil, pointer: "", expectation: nil)
        == "519c972ec11a16a8")
  }

  @Test func failLevels() {
    #expect(FailLevel("breaking") == .atLeast(.error))
    #expect(FailLevel("warning")?.isReached(by: .error) == true)
    #expect(FailLevel("error")?.isReached(by: .warning) == false)
    #expect(FailLevel("none")?.isReached(by: .error) == false)
    #expect(FailLevel("loud") == nil)
  }
}

@Suite struct HTTPHeadersTests {
  @Test func lookUpIsCaseInsensitiveAndOrderIsKept() {
    var headers: HTTPHeaders = ["Content-Type": "application/json", "MS-RequestId": "a"]
    #expect(headers["content-type"] == "application/json")
    headers.append(name: "ms-requestid", value: "b")
    #expect(headers.values(named: "MS-REQUESTID") == ["a", "b"])
    headers.set(name: "MS-RequestId", value: "c")
    #expect(headers.fields.map(\.name) == ["Content-Type", "MS-RequestId"])
    #expect(headers["ms-requestid"] == "c")
    #expect(!HTTPHeaders.namesMatch("Accept", "Accepts"))
  }
}

@Suite struct RecordingCodecTests {
  static let recording = Recording(
    endpoint: .customerLicensesUsage(customerID: "0c39d6d5-c70d-4c55-bc02-f620844f3fd1"),
    request: RecordedRequest(
      url:
        "https://api.partnercenter.microsoft.com/v1/customers/0c39d6d5-c70d-4c55-bc02-f620844f3fd1/analytics/licenses/usage",
      headers: ["Authorization": "Bearer secret-token", "Accept": "application/json"]),
    response: RecordedResponse(
      status: 200, headers: ["Content-Type": "application/json"],
      bodyBytes: Array("\u{FEFF}{\"totalCount\":1,\"items\":[{\"usagePercent\":2.50}]}".utf8)),
    capturedAt: "2026-11-21T08:00:00Z", toolVersion: "0.1.0")

  @Test func encodesCanonicallyWithoutSecrets() throws {
    let bytes = RecordingCodec.encode(Self.recording)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(!text.contains("secret-token"))
    #expect(!text.contains("Authorization"))
    #expect(text.hasSuffix("}\n"))
    #expect(!text.contains("\r"))
    #expect(text.contains("\n  \"capturedAt\": \"2026-11-21T08:00:00Z\",\n  \"customerId\""))
    #expect(text.contains("\"bodyByteOrderMark\": true"))
    #expect(text.contains("\"usagePercent\": 2.5"))
  }

  @Test func roundTripsThroughTheFileFormat() throws {
    let decoded = try RecordingCodec.decode(RecordingCodec.encode(Self.recording))
    var expected = Self.recording
    expected.request.headers.remove("Authorization")
    #expect(decoded == expected)
    #expect(RecordingCodec.encode(decoded) == RecordingCodec.encode(Self.recording))
    #expect(decoded.response.bodyBytes.starts(with: [0xEF, 0xBB, 0xBF]))
  }

  @Test func bodiesThatAreNotCleanJSONAreKeptAsText() {
    let html = RecordedResponse(status: 502, bodyBytes: Array("<html>bad gateway</html>".utf8))
    #expect(html.body == .text("<html>bad gateway</html>"))
    let duplicate = RecordedResponse(status: 200, bodyBytes: Array(#"{"a":1,"a":2}"#.utf8))
    #expect(duplicate.body == .text(#"{"a":1,"a":2}"#))
    #expect(RecordedResponse(status: 204, bodyBytes: []).body == .empty)
  }

  @Test(arguments: [
    (#"{"formatVersion": 2}"#, "recording format version 2 is not supported"),
    (
      #"{"formatVersion": 1, "endpoint": "x"}"#,
      #"not a recording (schemas/recording.schema.json): /endpoint: "x" is not one of"#
    ),
    (
      #"{"formatVersion": 1, "endpoint": "partner-licenses-usage", "request": {"method": "GET", "url": "u", "headers": {"authorization": "Bearer x"}}}"#,
      "not a recording: /request/headers/authorization should be absent: credentials never belong"
    ),
    (
      #"{"formatVersion": 1, "endpoint": "customer-licenses-usage", "request": {"method": "GET", "url": "u"}, "response": {"status": 200}, "capturedAt": "2026-11-21T08:00:00Z", "toolVersion": "1"}"#,
      #"not a recording (schemas/recording.schema.json): the required property "customerId" is missing"#
    ),
    ("[1,", "not a recording: line 1, column 4"),
  ])
  func rejectsWhatIsNotARecording(text: String, message: String) {
    #expect {
      try RecordingCodec.decode(Array(text.utf8))
    } throws: { error in
      String(describing: error).hasPrefix(message)
    }
  }

  @Test func storeWritesAtomicallyAndRefusesToLeaveTheFolder() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID())")
      .path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = RecordingStore(directory: folder)
    let path = try store.write(Self.recording)
    #expect(path.hasSuffix("customers/0c39d6d5-c70d-4c55-bc02-f620844f3fd1/licenses-usage.json"))
    let entries = try store.load()
    #expect(
      entries.map(\.relativePath) == [
        "customers/0c39d6d5-c70d-4c55-bc02-f620844f3fd1/licenses-usage.json"
      ])
    #expect(try entries[0].recording.get().endpoint == Self.recording.endpoint)
    #expect(throws: RecordingStoreError.self) { try store.write([1], to: "../escape.json") }
    let leftovers = try FileManager.default.subpathsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".pc-contract-tmp")
    }
    #expect(leftovers.isEmpty)
  }
}

@Suite struct UTCDateTests {
  @Test func writesDaysAndTimestampsInUTC() {
    let date = UTCDate(Date(timeIntervalSince1970: 1_795_000_000.9))
    #expect(date.day == "2026-11-18")
    #expect(date.timestamp == "2026-11-18T11:06:40Z")
    #expect(UTCDate(Date(timeIntervalSince1970: 0)).timestamp == "1970-01-01T00:00:00Z")
  }
}
