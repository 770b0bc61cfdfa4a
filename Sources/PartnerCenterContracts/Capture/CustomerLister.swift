import JSONCore

/// Enumerates the customer ids of `GET /v1/customers?size=N`, following `links.next` with
/// its `MS-ContinuationToken` header until the last page.
struct CustomerLister: Sendable {
  var client: CaptureClient
  var options: CaptureOptions
  var events: @Sendable (CaptureEvent) -> Void

  /// The most pages followed; far beyond any real partner, it only stops a server that
  /// pages forever.
  static let maximumPages = 100_000

  /// The ids found (GUIDs, in list order, without repeats) and a finding for each item whose
  /// id is not a GUID (it will not become a path).
  func list() async throws(CaptureError) -> (ids: [String], rejected: [Finding]) {
    var url = options.url(for: .customerList)
    var continuation: HTTPHeaders = [:]
    var ids: [String] = []
    var seen = Set<String>()
    var rejected: [Finding] = []
    var tokensSeen = Set<String>()
    for page in 1...Self.maximumPages {
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
      for (index, item) in items.enumerated() {
        guard let id = item["id"]?.stringValue, isGUID(id) else {
          rejected.append(
            Finding(
              severity: .error, kind: "capture.invalid-customer-id",
              message: "customer list page \(page) item \(index) has no GUID id; it is skipped",
              pointer: "/items/\(index)/id", subject: Endpoint.customerList.subject))
          continue
        }
        if seen.insert(id.lowercased()).inserted { ids.append(id) }
      }
      events(.listedCustomers(page: page, customers: ids.count))
      guard let next = body["links"]?["next"], let uri = next["uri"]?.stringValue else {
        return (ids, rejected)
      }
      continuation = [:]
      for header in next["headers"]?.arrayValue ?? [] {
        if let key = header["key"]?.stringValue, let value = header["value"]?.stringValue {
          continuation.append(name: key, value: value)
        }
      }
      if let token = continuation["MS-ContinuationToken"], !tokensSeen.insert(token).inserted {
        throw .customerList("page \(page): the continuation token repeats; the list loops")
      }
      url = nextURL(uri)
    }
    throw .customerList("more than \(Self.maximumPages) pages")
  }

  /// `next.uri` is relative to `{base}/v1` in the API; an absolute one is used as it is.
  private func nextURL(_ uri: String) -> String {
    if uri.hasPrefix("http://") || uri.hasPrefix("https://") { return uri }
    let path = uri.hasPrefix("/") ? uri : "/" + uri
    return path.hasPrefix("/v1/") ? options.baseURL + path : options.baseURL + "/v1" + path
  }
}
