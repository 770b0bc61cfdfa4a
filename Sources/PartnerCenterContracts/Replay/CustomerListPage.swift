import JSONCore

/// One page of `GET /v1/customers?size=N`, paged as the API pages: the Collection's
/// `links.next` names the next page's URI (relative to `{base}/v1`), and its headers hold the
/// `MS-ContinuationToken` to send with it.
struct CustomerListPage: Sendable {
  /// The largest page the server hands out.
  static let maximumSize = 1000
  /// The page size when the query gives none.
  static let defaultSize = 100

  /// Why a page cannot be served.
  enum Problem: Error, Sendable {
    case invalidSize(String)
    case invalidToken
  }

  /// The page body.
  var body: JSONValue

  /// The page of `customers` that `query` and `continuationToken` ask for.
  init(
    customers: [ReplayCatalog.Customer], query: [(name: String, value: String)],
    continuationToken: String?
  ) throws(Problem) {
    var size = Self.defaultSize
    if let text = query.last(where: { $0.name.lowercased() == "size" })?.value {
      guard let value = Int(text), (1...Self.maximumSize).contains(value) else {
        throw .invalidSize(text)
      }
      size = value
    }
    var offset = 0
    let seeksNext = query.contains {
      $0.name.lowercased() == "seekoperation" && $0.value.lowercased() == "next"
    }
    if let token = continuationToken, !token.isEmpty {
      guard let decoded = Self.offset(fromToken: token), decoded <= customers.count else {
        throw .invalidToken
      }
      offset = decoded
    } else if seeksNext {
      throw .invalidToken
    }
    let end = min(customers.count, offset + size)
    let items = customers[offset..<end].map(Self.item)
    var links = JSONObject()
    links["self"] = Self.link(uri: "/customers?size=\(size)", token: nil)
    if end < customers.count {
      links["next"] = Self.link(
        uri: "/customers?size=\(size)&seekOperation=Next", token: Self.token(forOffset: end))
    }
    var object = JSONObject()
    object["totalCount"] = .number(JSONNumber(items.count))
    object["items"] = .array(items)
    object["links"] = .object(links)
    object["attributes"] = ["objectType": "Collection"]
    body = .object(object)
  }

  private static func item(_ customer: ReplayCatalog.Customer) -> JSONValue {
    var profile = JSONObject()
    profile["tenantId"] = .string(customer.id)
    profile["companyName"] = .string(customer.name)
    profile["attributes"] = ["objectType": "CustomerCompanyProfile"]
    var object = JSONObject()
    object["id"] = .string(customer.id)
    object["companyProfile"] = .object(profile)
    object["relationshipToPartner"] = "reseller"
    object["attributes"] = ["objectType": "Customer"]
    return .object(object)
  }

  private static func link(uri: String, token: String?) -> JSONValue {
    var object = JSONObject()
    object["uri"] = .string(uri)
    object["method"] = "GET"
    var headers: [JSONValue] = []
    if let token {
      headers.append(["key": "MS-ContinuationToken", "value": .string(token)])
    }
    object["headers"] = .array(headers)
    return .object(object)
  }

  /// An opaque-looking token that only this server reads back: the offset and a check digit
  /// pair, so a token edited by hand is refused instead of silently paging from elsewhere.
  static func token(forOffset offset: Int) -> String {
    "replay-\(offset)-\(checksum(offset))"
  }

  static func offset(fromToken token: String) -> Int? {
    let parts = token.split(separator: "-")
    guard parts.count == 3, parts[0] == "replay", let offset = Int(parts[1]), offset >= 0,
      parts[2] == checksum(offset)
    else { return nil }
    return offset
  }

  private static func checksum(_ offset: Int) -> Substring {
    let hash = Finding.fingerprint(
      kind: "continuation", subject: String(offset), pointer: "", expectation: nil)
    return hash.prefix(8)
  }
}
