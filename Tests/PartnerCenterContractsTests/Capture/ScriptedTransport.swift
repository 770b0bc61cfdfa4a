import Foundation
import Synchronization

@testable import PartnerCenterContracts

/// An in-memory ``HTTPTransport`` that answers with a handler and remembers every request.
final class ScriptedTransport: HTTPTransport {
  typealias Handler = @Sendable (HTTPRequest, Int) -> Result<HTTPResponse, TransportError>

  private let handler: Handler
  private let log = Mutex<[HTTPRequest]>([])

  /// `handler` gets each request and how many requests to the same URL came before it.
  init(_ handler: @escaping Handler) { self.handler = handler }

  var requests: [HTTPRequest] { log.withLock { $0 } }

  func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError) -> HTTPResponse {
    let previous = log.withLock { requests in
      defer { requests.append(request) }
      return requests.count { $0.url == request.url }
    }
    return try handler(request, previous).get()
  }
}

/// A small valid customer usage collection.
func customerUsageBody(customerName: String = "Contoso") -> [UInt8] {
  Array(
    """
    {"totalCount":1,"items":[{"customerName":"\(customerName)","productName":"OFFICE 365 BUSINESS ESSENTIALS",\
    "licensesActive":3,"licensesQualified":4,"usagePercent":75,"workloadName":"Exchange",\
    "processedDateTime":"2017-03-10T00:00:00+00:00","serviceName":"o365","channel":"reseller",\
    "attributes":{"objectType":"CustomerLicensesUsageInsights"}}],\
    "attributes":{"objectType":"Collection"}}
    """.utf8)
}

/// A small valid partner usage collection.
func partnerUsageBody() -> [UInt8] {
  Array(
    """
    {"totalCount":1,"items":[{"proratedLicensesUsagePercent":2.13,"workloadName":"Exchange",\
    "processedDateTime":"2017-03-10T00:00:00+00:00","serviceName":"o365","channel":"reseller",\
    "attributes":{"objectType":"PartnerLicensesUsageInsights"}}],\
    "attributes":{"objectType":"Collection"}}
    """.utf8)
}

func jsonResponse(_ body: [UInt8], status: Int = 200, headers: HTTPHeaders = [:]) -> HTTPResponse {
  var all: HTTPHeaders = [
    "Content-Type": "application/json; charset=utf-8", "Date": "Sat, 21 Nov 2026 08:00:00 GMT",
  ]
  for field in headers { all.set(name: field.name, value: field.value) }
  return HTTPResponse(status: status, headers: all, body: body)
}

func temporaryFolder() -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("capture-\(UUID())").path
}

/// Every byte of every file below `folder`.
func allBytes(below folder: String) -> [UInt8] {
  var bytes: [UInt8] = []
  for path in (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [] {
    bytes += (FileManager.default.contents(atPath: folder + "/" + path)).map { [UInt8]($0) } ?? []
  }
  return bytes
}
