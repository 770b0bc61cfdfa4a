import Foundation
import JSONCore
import JSONSchemaValidation
import Testing

@testable import PartnerCenterContracts

/// `pc-contract replay` answers by the document it serves: every request the document allows
/// gets a status the operation lists, the body its schema describes, and the headers it names.
@Suite("pc-contract replay agrees with its OpenAPI document")
struct ReplayAgreesWithOpenAPITests {
  /// The component schema the document gives `status` of the operation at `path`.
  static func schema(_ document: JSONValue, path: String, status: Int) -> String? {
    let responses = document["paths"]?[path]?["get"]?["responses"]
    guard var response = responses?[String(status)] ?? responses?["default"] else { return nil }
    if let reference = response["$ref"]?.stringValue {
      response =
        document["components"]?["responses"]?[
          String(reference.split(separator: "/").last ?? "")] ?? .null
    }
    guard
      let schema = response["content"]?["application/json"]?["schema"]?["$ref"]?.stringValue
    else { return nil }
    return String(schema.split(separator: "/").last ?? "")
  }

  @Test func servesTheDocumentAndAnswersEveryAllowedRequestAsItSays() async throws {
    let server = try ReplayFixture.startServer {
      $0.synthesizedCustomers = 3
      $0.faults = FaultPlan(
        faults: [
          .init(kind: .throttle, rate: 0.15), .init(kind: .internalError, rate: 0.1),
          .init(kind: .unavailable, rate: 0.1),
        ], seed: 11)
    }
    defer { server.stop() }
    let served = try await fetch(port: server.port, path: "/openapi.json", headers: [:])
    #expect(served.status == 200)
    #expect(String(decoding: served.body, as: UTF8.self) == (try OpenAPIDocument().text))
    let document = try #require(served.json)
    let registry = try OpenAPIDocumentTests.registry(try OpenAPIDocument())

    let customerPath = "/v1/customers/{customer-id}/analytics/licenses/usage"
    var requests: [(path: String, template: String)] = [
      ("/v1/analytics/licenses/usage", "/v1/analytics/licenses/usage"),
      ("/v1/customers?size=2", "/v1/customers"), ("/v1/customers", "/v1/customers"),
      ("/v1/customers?size=1000", "/v1/customers"),
      ("/v1/customers/00000000-0000-4000-8000-00000000abcd/analytics/licenses/usage", customerPath),
    ]
    for id in server.customerIDs {
      requests.append(("/v1/customers/\(id)/analytics/licenses/usage", customerPath))
    }
    var statuses: Set<Int> = []
    // Each request several times, so the injected faults meet every operation.
    for (path, template) in requests + requests + requests {
      let headers = ReplayFixture.goodHeaders()
      let response = try await fetch(port: server.port, path: path, headers: headers)
      statuses.insert(response.status)
      let component = try #require(
        Self.schema(document, path: template, status: response.status),
        "\(path): \(response.status) is not in the document")
      let validator = try OpenAPIDocumentTests.validator(registry, component: component)
      let body = try #require(response.json, "\(path): \(response.status) has no JSON body")
      #expect(validator.isValid(body), "\(path): the \(response.status) body is no \(component)")
      #expect(response.header("MS-RequestId") == headers["MS-RequestId"])
      #expect(response.header("MS-CorrelationId") == headers["MS-CorrelationId"])
      #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
      if response.status == 429 {
        #expect(response.header("Retry-After").flatMap { Int($0) } != nil)
      }
    }
    // The faults and the unknown customer were met, not only the 200s.
    #expect(statuses.isSuperset(of: [200, 404, 429]))
  }
}
