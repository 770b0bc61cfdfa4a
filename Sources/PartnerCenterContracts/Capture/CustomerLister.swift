import Foundation
import JSONCore

/// Enumerates the customer ids of `GET /v1/customers?size=N`, following `links.next` with
/// its `MS-ContinuationToken` header until the last page.
struct CustomerLister: Sendable {
  var client: CaptureClient
  var options: CaptureOptions
  var events: @Sendable (CaptureEvent) -> Void

  /// The longest continuation token taken from a page: far beyond a real one, short enough
  /// that a server cannot grow each request without bound.
  static let maximumTokenLength = 4096

  /// The ids found (GUIDs, in list order, without repeats) and a finding for each item whose
  /// id is not a GUID (it will not become a path).
  func list() async throws(CaptureError) -> (ids: [String], rejected: [Finding]) {
    var url = options.url(for: .customerList)
    var continuation: HTTPHeaders = [:]
    var ids: [String] = []
    var seen = Set<String>()
    var rejected: [Finding] = []
    var tokensSeen = Set<String>()
    let origin = URL(string: url).flatMap(Origin.init)
    for page in 1...max(1, options.maximumPages) {
      let exchange: CaptureClient.Exchange
      do {
        exchange = try await client.call(.customerList, url: url, extraHeaders: continuation)
      } catch {
        switch error {
        case .credentials(let error): throw .credentials(error)
        case .cancelled: throw .cancelled
        case .transport(let error, _): throw .customerList("page \(page): \(error)")
        }
      }
      guard exchange.response.status == 200 else {
        throw .customerList("page \(page): HTTP \(exchange.response.status)")
      }
      guard let body = try? JSONParser.parse(exchange.response.body).value,
        let items = body["items"]?.arrayValue
      else { throw .customerList("page \(page): the body is not a Collection of customers") }
      let before = ids.count
      for (index, item) in items.enumerated() {
        guard let id = item["id"]?.stringValue, isGUID(id) else {
          rejected.append(
            Finding(
              severity: .error, kind: .captureInvalidCustomerID,
              message: "customer list page \(page) item \(index) has no GUID id; it is skipped",
              pointer: "/items/\(index)/id", subject: Endpoint.customerList.subject))
          continue
        }
        if seen.insert(id.lowercased()).inserted { ids.append(id) }
      }
      if ids.count > options.maximumCustomers {
        throw .customerList(
          "page \(page): more than \(Plural.counted(options.maximumCustomers, "customer")) (--max-customers)"
        )
      }
      events(.listedCustomers(page: page, customers: ids.count))
      guard let next = body["links"]?["next"], let uri = next["uri"]?.stringValue else {
        return (ids, rejected)
      }
      if ids.count == before {
        throw .customerList(
          "page \(page) adds no new customer but links to a next page; the list loops")
      }
      // Only the continuation token is taken from the link: other headers a server puts there
      // could be anything (credentials for another service, ever longer values).
      continuation = [:]
      for header in next["headers"]?.arrayValue ?? []
      where header["key"]?.stringValue?.lowercased() == "ms-continuationtoken" {
        guard let value = header["value"]?.stringValue,
          value.utf8.count <= Self.maximumTokenLength,
          !value.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true })
        else {
          throw .customerList(
            "page \(page): the continuation token is not a header value of at most \(Self.maximumTokenLength) bytes"
          )
        }
        continuation.append(name: "MS-ContinuationToken", value: value)
      }
      if let token = continuation["MS-ContinuationToken"], !tokensSeen.insert(token).inserted {
        throw .customerList("page \(page): the continuation token repeats; the list loops")
      }
      url = nextURL(uri)
      // A next page elsewhere would carry the token there: the API's are relative.
      if URL(string: url).flatMap(Origin.init) != origin {
        throw .customerList(
          "page \(page): links.next names another origin (\(Origin.shown(URL(string: url)))); it is not followed, so the token stays with its origin"
        )
      }
    }
    throw .customerList("more than \(Plural.counted(options.maximumPages, "page")) (--max-pages)")
  }

  /// `next.uri` is relative to `{base}/v1` in the API; an absolute one is used as it is.
  private func nextURL(_ uri: String) -> String {
    if uri.hasPrefix("http://") || uri.hasPrefix("https://") { return uri }
    let path = uri.hasPrefix("/") ? uri : "/" + uri
    return path.hasPrefix("/v1/") ? options.baseURL + path : options.baseURL + "/v1" + path
  }
}
