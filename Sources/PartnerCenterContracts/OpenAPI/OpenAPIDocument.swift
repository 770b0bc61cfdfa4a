import JSONCore

/// The contract as an OpenAPI 3.1.0 document: the three endpoints, their documented request
/// headers, their responses (the declared schemas, from ``OpenAPIComponents``) and errors,
/// and the two clouds' servers, so generators, Schemathesis, Prism and Postman can use it.
///
/// Deterministic: the same schemas give the same value, and ``text`` writes it with sorted
/// member names.
public struct OpenAPIDocument: Sendable {
  /// The document.
  public let value: JSONValue

  /// The document for `schemas`; `strict` rejects undocumented properties as `--strict` does.
  public init(schemas: DeclaredSchemas = .embedded, strict: Bool = false) throws(OpenAPIError) {
    var files: [String: JSONValue] = [:]
    for schema in schemas.schemas { files[schema.fileName] = schema.document }
    let components = OpenAPIComponents(strict: strict, files: files)
    var object = JSONObject()
    object["openapi"] = "3.1.0"
    object["jsonSchemaDialect"] = "https://json-schema.org/draft/2020-12/schema"
    object["info"] = [
      "title": "Partner Center license-usage analytics",
      "version": .string(ToolVersion.current),
      "description": .string(
        "The contract pc-contract tests: the partner's and each customer's license usage, and the paged customer list that enumerates the customers. Written by `pc-contract openapi\(strict ? " --strict" : "")` from its declared schemas"
          + (strict
            ? "; strict: a property the API reference does not list is rejected."
            : "; a property the API reference does not list is allowed, as additive drift.")),
    ]
    object["servers"] = [
      [
        "url": .string(CaptureOptions.globalBaseURL),
        "description": "The global cloud (also US Government).",
      ],
      [
        "url": .string(CaptureOptions.chinaBaseURL),
        "description": "Microsoft Azure operated by 21Vianet (China).",
      ],
    ]
    object["security"] = [["bearer": []]]
    object["tags"] = [
      ["name": "analytics", "description": "License-usage analytics."],
      ["name": "customers", "description": "The partner's customers."],
    ]
    object["paths"] = Self.paths
    var componentsObject = JSONObject()
    componentsObject["schemas"] = .object(
      JSONObject(
        try components.schemas().map {
          JSONObject.Member(key: $0.key, value: $0.value)
        }))
    componentsObject["securitySchemes"] = Self.securitySchemes
    componentsObject["parameters"] = Self.parameters
    componentsObject["headers"] = Self.headers
    componentsObject["responses"] = Self.errorResponses
    object["components"] = .object(componentsObject)
    value = .object(object)
  }

  /// The document as JSON text: indented, member names sorted, a final newline.
  public var text: String { JSONWriter.pretty(value) + "\n" }

  /// The component schema a 200 response of `endpoint` is described by.
  public static func responseSchema(for endpoint: EndpointID) -> String {
    switch endpoint {
    case .partnerLicensesUsage: "PartnerLicensesUsageResponse"
    case .customerLicensesUsage: "CustomerLicensesUsageResponse"
    case .customerList: "CustomerListResponse"
    }
  }

  /// The error statuses every operation documents, with the component response of each.
  static let errorStatuses: [(status: String, response: String)] = [
    ("400", "BadRequest"), ("401", "Unauthorized"), ("403", "Forbidden"), ("404", "NotFound"),
    ("429", "TooManyRequests"), ("500", "InternalServerError"),
    ("503", "ServiceUnavailable"), ("default", "OtherError"),
  ]

  private static func reference(_ kind: String, _ name: String) -> JSONValue {
    ["$ref": .string("#/components/\(kind)/\(name)")]
  }

  private static func operation(
    _ id: String, tag: String, summary: String, description: String, parameters: [String],
    endpoint: EndpointID
  ) -> JSONValue {
    var responses = JSONObject()
    responses["200"] = [
      "description": "The collection.",
      "headers": [
        "MS-RequestId": reference("headers", "MS-RequestId"),
        "MS-CorrelationId": reference("headers", "MS-CorrelationId"),
      ],
      "content": [
        "application/json": [
          "schema": OpenAPIComponents.reference(responseSchema(for: endpoint))
        ]
      ],
    ]
    for (status, response) in errorStatuses {
      responses[status] = reference("responses", response)
    }
    return [
      "operationId": .string(id), "tags": [.string(tag)], "summary": .string(summary),
      "description": .string(description),
      "parameters": .array(
        (parameters + ["Accept", "MS-RequestId", "MS-CorrelationId", "X-Locale"]).map {
          reference("parameters", $0)
        }),
      "responses": .object(responses),
    ]
  }

  private static let paths: JSONValue = [
    "/v1/analytics/licenses/usage": [
      "get": operation(
        "getPartnerLicensesUsage", tag: "analytics",
        summary: "License usage of the partner's customers, per workload.",
        description:
          "Prorated license usage per workload across all the partner's customers. App+User (delegated) tokens only.",
        parameters: [], endpoint: .partnerLicensesUsage)
    ],
    "/v1/customers/{customer-id}/analytics/licenses/usage": [
      "get": operation(
        "getCustomerLicensesUsage", tag: "analytics",
        summary: "License usage of one customer, per product and workload.",
        description:
          "Active and qualified licenses per product and workload for one customer. App+User (delegated) tokens only.",
        parameters: ["customer-id"], endpoint: .customerLicensesUsage)
    ],
    "/v1/customers": [
      "get": operation(
        "listCustomers", tag: "customers",
        summary: "The partner's customers, one page at a time.",
        description:
          "A page of customers; while more follow, `links.next` names the next page's URI (relative to `{base}/v1`) and the `MS-ContinuationToken` to send with it.",
        parameters: ["size", "seekOperation", "MS-ContinuationToken"], endpoint: .customerList)
    ],
  ]

  private static let securitySchemes: JSONValue = [
    "bearer": [
      "type": "http", "scheme": "bearer",
      "description":
        "An App+User (delegated) Microsoft Entra access token for the resource https://api.partnercenter.microsoft.com.",
    ]
  ]

  private static func uuidHeader(_ name: String, _ description: String, required: Bool)
    -> JSONValue
  {
    [
      "name": .string(name), "in": "header", "required": .bool(required),
      "description": .string(description), "schema": ["type": "string", "format": "uuid"],
    ]
  }

  private static let parameters: JSONValue = [
    "MS-RequestId": uuidHeader(
      "MS-RequestId",
      "The call's idempotency key: a new GUID per call, the same one when a timed-out call is retried.",
      required: true),
    "MS-CorrelationId": uuidHeader(
      "MS-CorrelationId", "A new GUID for every call.", required: true),
    "X-Locale": [
      "name": "X-Locale", "in": "header", "required": false,
      "description": "The language of the response's text (default en-US).",
      "schema": ["type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"],
      "example": "en-US",
    ],
    "Accept": [
      "name": "Accept", "in": "header", "required": false,
      "description": "The media type of the response: JSON.",
      "schema": ["type": "string", "default": "application/json"],
    ],
    "customer-id": [
      "name": "customer-id", "in": "path", "required": true,
      "description": "The customer's tenant id (a GUID).",
      "schema": ["type": "string", "format": "uuid"],
    ],
    "size": [
      "name": "size", "in": "query", "required": false,
      "description": "The most customers per page.",
      "schema": [
        "type": "integer", "minimum": 1,
        "maximum": .number(JSONNumber(CustomerListPage.maximumSize)),
        "default": .number(JSONNumber(CustomerListPage.defaultSize)),
      ],
    ],
    "seekOperation": [
      "name": "seekOperation", "in": "query", "required": false,
      "description": "`Next` on the URI of `links.next`, sent with its `MS-ContinuationToken`.",
      "schema": ["type": "string", "enum": ["Next"]],
    ],
    "MS-ContinuationToken": [
      "name": "MS-ContinuationToken", "in": "header", "required": false,
      "description": "The continuation token from the previous page's `links.next.headers`.",
      "schema": ["type": "string"],
    ],
  ]

  private static let headers: JSONValue = [
    // Echoed as sent: a GUID for a request that keeps the contract, whatever it was else.
    "MS-RequestId": [
      "description": "The request's MS-RequestId, echoed as sent.",
      "schema": ["type": "string"],
    ],
    "MS-CorrelationId": [
      "description": "The request's MS-CorrelationId, echoed as sent.",
      "schema": ["type": "string"],
    ],
    "Retry-After": [
      "description": "How many seconds to wait before retrying.",
      "schema": ["type": "integer", "minimum": 0],
    ],
    "WWW-Authenticate": [
      "description": "The authority to get a token from: `OAuth realm=...`.",
      "schema": ["type": "string"],
    ],
  ]

  private static func errorResponse(
    _ description: String, schema: String = "Error", headers extra: [String] = []
  ) -> JSONValue {
    var headers = JSONObject()
    for name in ["MS-RequestId", "MS-CorrelationId"] + extra {
      headers[name] = reference("headers", name)
    }
    return [
      "description": .string(description), "headers": .object(headers),
      "content": ["application/json": ["schema": OpenAPIComponents.reference(schema)]],
    ]
  }

  private static let errorResponses: JSONValue = [
    "BadRequest": errorResponse(
      "The request is invalid (a replay also answers 400 to a request that breaks the request contract)."
    ),
    "Unauthorized": errorResponse(
      "No valid bearer token.", headers: ["WWW-Authenticate"]),
    "Forbidden": errorResponse("The token may not read this resource."),
    "NotFound": errorResponse("No such customer, or no data for it."),
    "TooManyRequests": errorResponse(
      "Throttled: wait Retry-After seconds, then retry with back-off.",
      schema: "ThrottlingError", headers: ["Retry-After"]),
    "InternalServerError": errorResponse("The service failed."),
    "ServiceUnavailable": errorResponse(
      "The service is unavailable; Retry-After may say when to retry.",
      headers: ["Retry-After"]),
    "OtherError": errorResponse("Any other status, with the Partner Center error body."),
  ]
}
