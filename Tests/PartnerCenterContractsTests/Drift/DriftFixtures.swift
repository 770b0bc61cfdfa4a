import JSONCore
import PartnerCenterContracts

/// Recordings built in code for drift tests: a customer licenses-usage collection and
/// mutations of it.
enum DriftFixtures {
  static let customerID = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1"

  static func item(
    product: String = "OFFICE 365 BUSINESS ESSENTIALS", workload: String = "Exchange",
    active: Int = 5, qualified: Int = 10, percent: JSONValue = 50,
    date: String = "2017-03-10T00:00:00+00:00"
  ) -> JSONValue {
    [
      "customerId": .string(customerID), "customerName": "Contoso", "productName": .string(product),
      "licensesActive": .number(JSONNumber(active)),
      "licensesQualified": .number(JSONNumber(qualified)),
      "usagePercent": percent, "workloadName": .string(workload), "serviceName": "o365",
      "channel": "reseller", "processedDateTime": .string(date),
      "attributes": ["objectType": "CustomerLicensesUsageInsights"],
    ]
  }

  static var items: [JSONValue] {
    [
      item(),
      item(workload: "SharePoint", active: 2, qualified: 10, percent: 20),
      item(product: "OFFICE 365 E3", workload: "Exchange", active: 8, qualified: 10, percent: 80),
    ]
  }

  static func collection(_ items: [JSONValue], totalCount: Int? = nil) -> JSONValue {
    [
      "totalCount": .number(JSONNumber(totalCount ?? items.count)), "items": .array(items),
      "attributes": ["objectType": "Collection"],
    ]
  }

  static func recording(
    body: JSONValue? = nil, status: Int = 200,
    contentType: String = "application/json; charset=utf-8",
    extraHeaders: [(String, String)] = [], endpoint: Endpoint? = nil
  ) -> Recording {
    let endpoint = endpoint ?? .customerLicensesUsage(customerID: customerID)
    var headers: HTTPHeaders = ["Content-Type": contentType]
    for (name, value) in extraHeaders { headers.append(name: name, value: value) }
    return Recording(
      endpoint: endpoint,
      request: RecordedRequest(url: "https://api.partnercenter.microsoft.com" + endpoint.path),
      response: RecordedResponse(
        status: status, headers: headers, body: .json(body ?? collection(items))),
      capturedAt: "2026-11-21T08:00:00Z", toolVersion: "0.1.0")
  }

  /// A recording whose items are `items` with `change` applied to each.
  static func mutated(_ change: (inout JSONObject, Int) -> Void) -> Recording {
    let changed = items.enumerated().map { index, item -> JSONValue in
      guard var object = item.objectValue else { return item }
      change(&object, index)
      return .object(object)
    }
    return recording(body: collection(changed))
  }
}
