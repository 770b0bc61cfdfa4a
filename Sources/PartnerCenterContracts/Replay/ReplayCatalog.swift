import JSONCore

/// A response ready to serve: status, headers and the body's bytes, computed once.
struct ServedResponse: Sendable {
  var status: Int
  var headers: HTTPHeaders
  var body: [UInt8]

  init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// A recorded response as served: its status, its headers minus the ones the server writes
  /// itself or that describe another exchange, and its body bytes.
  init(recorded: RecordedResponse) {
    var headers = HTTPHeaders()
    for field in recorded.headers
    where !Self.dropped.contains(where: {
      HTTPHeaders.namesMatch($0, field.name)
    }) {
      headers.append(name: field.name, value: field.value)
    }
    if !headers.contains("Content-Type"), recorded.body.json != nil {
      headers.append(name: "Content-Type", value: "application/json; charset=utf-8")
    }
    self.init(status: recorded.status, headers: headers, body: recorded.bodyBytes)
  }

  private static let dropped = [
    "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Content-Encoding",
    "MS-RequestId", "MS-CorrelationId",
  ]
}

/// Everything the replay server answers from: the partner response and the customers, in
/// the order the customer list pages through them.
struct ReplayCatalog: Sendable {
  /// Where a customer's response comes from.
  enum Source: Sendable {
    case recorded(ServedResponse)
    case synthesized(Int)
    case variant(ResponseVariant)
  }

  /// One customer.
  struct Customer: Sendable {
    var id: String
    var name: String
    var source: Source
  }

  var partner: ServedResponse?
  private(set) var customers: [Customer] = []
  private var positions: [String: Int] = [:]
  let synthetic: SyntheticCustomers

  /// A catalog of `recordings`, then `synthetic` customers, then `variants`. A later recording
  /// of the same customer id replaces an earlier one.
  init(recordings: [Recording], synthetic: SyntheticCustomers, variants: [ResponseVariant]) {
    self.synthetic = synthetic
    var recorded: [(id: String, name: String, response: ServedResponse)] = []
    for recording in recordings {
      switch recording.endpoint {
      case .partnerLicensesUsage:
        partner = ServedResponse(recorded: recording.response)
      case .customerLicensesUsage(let id):
        let name = recording.response.body.json?["items"]?[0]?["customerName"]?.stringValue ?? id
        recorded.append((id, name, ServedResponse(recorded: recording.response)))
      case .customerList:
        break
      }
    }
    recorded.sort { $0.id.lowercased() < $1.id.lowercased() }
    for entry in recorded {
      add(Customer(id: entry.id, name: entry.name, source: .recorded(entry.response)))
    }
    for index in 0..<synthetic.count {
      add(
        Customer(
          id: synthetic.id(at: index), name: synthetic.name(at: index),
          source: .synthesized(index)))
    }
    for variant in variants {
      add(Customer(id: variant.customerID, name: variant.name, source: .variant(variant)))
    }
    // Generated customers with no partner recording: the partner endpoint is generated too.
    if partner == nil && synthetic.count > 0 {
      partner = ServedResponse(
        status: 200, headers: ["Content-Type": "application/json; charset=utf-8"],
        body: JSONWriter.compactBytes(synthetic.partnerBody()))
    }
  }

  private mutating func add(_ customer: Customer) {
    let key = customer.id.lowercased()
    if let existing = positions[key] {
      customers[existing] = customer
    } else {
      positions[key] = customers.count
      customers.append(customer)
    }
  }

  /// The customer with `id` (compared case-insensitively, as GUIDs are).
  func customer(_ id: String) -> Customer? {
    positions[id.lowercased()].map { customers[$0] }
  }

  /// The response for a customer.
  func response(for customer: Customer) -> ServedResponse {
    switch customer.source {
    case .recorded(let response): return response
    case .synthesized(let index):
      return ServedResponse(
        status: 200, headers: ["Content-Type": "application/json; charset=utf-8"],
        body: JSONWriter.compactBytes(synthetic.body(at: index)))
    case .variant(let variant):
      return ServedResponse(
        status: variant.status, headers: ["Content-Type": variant.contentType],
        body: variant.body)
    }
  }
}
