import Foundation
import JSONCore
import PartnerCenterContracts

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Recordings and clients for the replay tests: a temporary recordings folder written with
/// `RecordingStore`, URLSession requests and raw-socket exchanges, all with timeouts.
enum ReplayFixture {
  static let customerA = "4a7ae3a5-a1a6-4c22-a2a2-4b3c1d1e2f30"
  static let customerB = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"
  static let customerC = "c0ffee00-1111-4222-8333-444455556666"

  static func partnerBody() -> JSONValue {
    [
      "totalCount": 1,
      "items": [
        [
          "proratedLicensesUsagePercent": 26.16, "workloadName": "Exchange",
          "processedDateTime": "2017-03-10T00:00:00+00:00", "serviceName": "o365",
          "channel": "reseller", "attributes": ["objectType": "PartnerLicensesUsageInsights"],
        ]
      ],
      "attributes": ["objectType": "Collection"],
    ]
  }

  static func customerBody(name: String) -> JSONValue {
    [
      "totalCount": 1,
      "items": [
        [
          "customerName": .string(name), "productName": "OFFICE 365 E3", "licensesActive": 8,
          "licensesQualified": 10, "usagePercent": 80, "workloadName": "Exchange",
          "processedDateTime": "2017-03-10T00:00:00+00:00", "serviceName": "o365",
          "channel": "reseller", "attributes": ["objectType": "CustomerLicensesUsageInsights"],
        ]
      ],
      "attributes": ["objectType": "Collection"],
    ]
  }

  static func recording(_ endpoint: Endpoint, body: JSONValue) -> Recording {
    Recording(
      endpoint: endpoint,
      request: RecordedRequest(url: "https://api.partnercenter.microsoft.com" + endpoint.path),
      response: RecordedResponse(
        status: 200,
        headers: ["Content-Type": "application/json; charset=utf-8", "MS-CV": "abc.0"],
        body: .json(body)),
      capturedAt: "2026-11-21T08:00:00Z", toolVersion: "0.1.0")
  }

  /// A temporary folder with the partner recording and three customers.
  static func makeRecordingsFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("replay-tests-\(UUID().uuidString)").path
    let store = RecordingStore(directory: folder)
    try store.write(recording(.partnerLicensesUsage, body: partnerBody()))
    for (id, name) in [(customerA, "Contoso"), (customerB, "Fabrikam"), (customerC, "Northwind")] {
      try store.write(
        recording(.customerLicensesUsage(customerID: id), body: customerBody(name: name)))
    }
    return folder
  }

  /// A started server over the fixture recordings; stop it when done.
  static func startServer(
    _ edit: (inout ReplayConfiguration) -> Void = { _ in }
  ) throws -> ReplayServer {
    let folder = try makeRecordingsFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var configuration = ReplayConfiguration(
      recordings: try ReplayConfiguration.recordings(inDirectory: folder).recordings)
    edit(&configuration)
    let server = ReplayServer(configuration: configuration)
    try server.start()
    return server
  }

  /// Request headers that keep the contract, with fresh ids.
  static func goodHeaders(requestID: String = UUID().uuidString) -> [String: String] {
    [
      "Authorization": "Bearer test-token", "Accept": "application/json",
      "MS-RequestId": requestID, "MS-CorrelationId": UUID().uuidString, "X-Locale": "en-US",
    ]
  }
}

/// What a URLSession request got back.
struct FetchedResponse: Sendable {
  var status: Int
  var headers: [String: String]
  var body: [UInt8]

  func header(_ name: String) -> String? {
    headers.first { $0.key.lowercased() == name.lowercased() }?.value
  }

  var json: JSONValue? { try? JSONParser.parse(body).value }
}

/// One URLSession request with a timeout.
func fetch(
  port: Int, path: String, method: String = "GET", headers: [String: String]
) async throws -> FetchedResponse {
  var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
  request.httpMethod = method
  request.timeoutInterval = 10
  for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
  let configuration = URLSessionConfiguration.ephemeral
  configuration.timeoutIntervalForRequest = 10
  configuration.timeoutIntervalForResource = 20
  let session = URLSession(configuration: configuration)
  defer { session.finishTasksAndInvalidate() }
  let (data, response) = try await session.data(for: request)
  let http = response as? HTTPURLResponse
  var fields: [String: String] = [:]
  for (name, value) in http?.allHeaderFields ?? [:] {
    if let name = name as? String, let value = value as? String { fields[name] = value }
  }
  return FetchedResponse(status: http?.statusCode ?? 0, headers: fields, body: [UInt8](data))
}

/// A raw TCP connection to the server with receive timeouts, for what URLSession would not send.
final class RawConnection {
  let descriptor: Int32
  /// Bytes received past the last response read (pipelined responses arrive together).
  private var pending: [UInt8] = []

  init(port: Int, timeoutSeconds: Int = 5) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(descriptor)
      throw POSIXError(.ECONNREFUSED)
    }
  }

  deinit { close(descriptor) }

  func send(_ text: String) { send(Array(text.utf8)) }

  func send(_ bytes: [UInt8]) {
    _ = bytes.withUnsafeBytes {
      Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
    }
  }

  /// Everything until the peer closes, a reset, or the timeout; at most `limit` bytes.
  func readToEnd(limit: Int = 1 << 22) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while bytes.count < limit {
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count <= 0 { break }
      bytes += chunk[0..<count]
    }
    return bytes
  }

  /// One response with a `Content-Length` body (read on a kept-alive connection), or nil.
  func readResponse() -> (head: String, body: [UInt8])? {
    var bytes = pending
    var chunk = [UInt8](repeating: 0, count: 65536)
    let separator: [UInt8] = [13, 10, 13, 10]
    for _ in 0..<10_000 {
      if let end = bytes.firstRange(of: separator) {
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
        let length =
          head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
          .flatMap {
            Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
          }
          ?? 0
        if bytes.count - end.upperBound >= length {
          pending = Array(bytes[(end.upperBound + length)...])
          return (head, Array(bytes[end.upperBound..<(end.upperBound + length)]))
        }
      }
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count <= 0 { return nil }
      bytes += chunk[0..<count]
    }
    return nil
  }
}

/// The status code of a raw response.
func statusCode(of bytes: [UInt8]) -> Int? {
  let text = String(decoding: bytes.prefix(12), as: UTF8.self)
  guard text.hasPrefix("HTTP/1.1 ") else { return nil }
  return Int(text.dropFirst(9).prefix(3))
}

func rawRequest(_ path: String, extra: String = "") -> String {
  "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\nAccept: application/json\r\n"
    + "MS-RequestId: \(UUID().uuidString)\r\nMS-CorrelationId: \(UUID().uuidString)\r\n\(extra)\r\n"
}
