import JSONCore

/// The declared schemas as OpenAPI 3.1 `components.schemas`: the same JSON Schema 2020-12,
/// with what tools without `$dynamicRef` support cannot follow resolved.
///
/// - The generic Collection is specialised once per item type: `{"$dynamicRef": "#item"}`
///   becomes a `$ref` to that endpoint's item schema (`CustomerLicensesUsageResponse.items`
///   holds `CustomerLicensesUsageInsights`).
/// - `{"$dynamicRef": "#undocumented"}`, the hook strict mode turns off, becomes nothing (an
///   undocumented property is allowed) or, strict, `additionalProperties: false`.
/// - Each file's `$defs` that others use become components of their own (`Link`,
///   `LinkHeader`, `PartnerCenterError`, `ThrottlingError`), and every `$ref` points at
///   `#/components/schemas/NAME`. `$schema`, `$id` and `$dynamicAnchor` are dropped.
struct OpenAPIComponents {
  /// The component each declared file becomes, by file name.
  static let fileComponents: [String: String] = [
    "customer-licenses-usage-insights.schema.json": "CustomerLicensesUsageInsights",
    "partner-licenses-usage-insights.schema.json": "PartnerLicensesUsageInsights",
    "customer-licenses-usage-response.schema.json": "CustomerLicensesUsageResponse",
    "partner-licenses-usage-response.schema.json": "PartnerLicensesUsageResponse",
    "error.schema.json": "Error",
  ]

  /// The component each hoisted `$defs` entry becomes, by file name and definition name.
  static let definitionComponents: [String: [String: String]] = [
    "collection.schema.json": ["link": "Link", "header": "LinkHeader"],
    "error.schema.json": [
      "partnerCenterError": "PartnerCenterError", "throttling": "ThrottlingError",
    ],
  ]

  /// Whether undocumented properties are rejected (`additionalProperties: false`).
  var strict: Bool
  /// The declared schemas' parsed files, by file name.
  var files: [String: JSONValue]

  /// The schemas, by component name: the declared ones, the Customer of the customer list
  /// (only `id` is in scope; the rest of the resource is left open in both modes), and a
  /// Collection specialised for each item type.
  func schemas() throws(OpenAPIError) -> [String: JSONValue] {
    var schemas: [String: JSONValue] = [:]
    for (fileName, component) in Self.fileComponents {
      let file = try document(fileName)
      if let itemFile = file["$defs"]?["item"]?["$ref"]?.stringValue {
        guard let item = Self.fileComponents[itemFile] else {
          throw .unresolvable(itemFile, in: fileName)
        }
        schemas[component] = Self.copying(
          ["title", "description"], from: file, into: try collection(of: item))
      } else {
        schemas[component] = try convert(file, in: fileName, item: nil)
      }
    }
    for (fileName, definitions) in Self.definitionComponents {
      for (name, component) in definitions {
        guard let definition = try document(fileName)["$defs"]?[name] else {
          throw .schemaMissing("\(fileName)#/$defs/\(name)")
        }
        schemas[component] = try convert(definition, in: fileName, item: nil)
      }
    }
    schemas["Customer"] = Self.customer
    var customers = try collection(of: "Customer")
    if case .object(var object) = customers {
      object["title"] = "Customer list response"
      object["description"] =
        "The body of a successful `GET {base}/v1/customers`: a page of Customers, with `links.next` (and `MS-ContinuationToken` in its headers) while more pages follow."
      customers = .object(object)
    }
    schemas["CustomerListResponse"] = customers
    return schemas
  }

  /// The Collection whose items are the `item` component.
  func collection(of item: String) throws(OpenAPIError) -> JSONValue {
    try convert(try document("collection.schema.json"), in: "collection.schema.json", item: item)
  }

  /// A customer of the customer list: the tool reads its `id` only.
  static let customer: JSONValue = [
    "title": "Customer",
    "description":
      "A customer of the partner, as the customer list returns it; only `id` is in this contract's scope, so the rest of the resource is not constrained.",
    "type": "object",
    "required": ["id"],
    "properties": [
      "id": [
        "description": "The customer's tenant id, the `{customer-id}` of its usage endpoint.",
        "type": "string", "format": "uuid",
      ],
      "companyProfile": [
        "description": "The customer's company profile (`tenantId`, `companyName`, `domain`).",
        "type": "object",
      ],
      "attributes": [
        "description": "The resource's attributes; `objectType` is `Customer`.",
        "type": "object",
      ],
    ],
  ]

  /// The reference to a component.
  static func reference(_ component: String) -> JSONValue {
    ["$ref": .string("#/components/schemas/\(component)")]
  }

  private func document(_ fileName: String) throws(OpenAPIError) -> JSONValue {
    guard let file = files[fileName] else { throw .schemaMissing(fileName) }
    return file
  }

  /// `value` from `fileName` with every reference resolved as the type's comment says;
  /// `item` is the component a Collection's items are.
  private func convert(_ value: JSONValue, in fileName: String, item: String?) throws(OpenAPIError)
    -> JSONValue
  {
    switch value {
    case .array(let elements):
      var converted: [JSONValue] = []
      for element in elements { converted.append(try convert(element, in: fileName, item: item)) }
      return .array(converted)
    case .object(let object):
      if let target = object["$dynamicRef"]?.stringValue {
        switch target {
        case "#item":
          guard let item else { throw .schemaMissing("the item type of \(fileName)") }
          return Self.reference(item)
        case "#undocumented": return .bool(!strict)
        default: throw .unresolvable(target, in: fileName)
        }
      }
      var converted = JSONObject()
      for member in object.members {
        switch member.key {
        // `$comment`s explain the `$dynamicRef` mechanics this conversion removes.
        case "$schema", "$id", "$dynamicAnchor", "$defs", "$comment": continue
        case "$ref":
          guard let target = member.value.stringValue else { continue }
          converted["$ref"] = Self.reference(try component(for: target, in: fileName))["$ref"]
        default:
          let value = try convert(member.value, in: fileName, item: item)
          // An undocumented property allowed is the default: say nothing.
          if member.key == "additionalProperties", value == .bool(true) { continue }
          converted[member.key] = value
        }
      }
      return .object(converted)
    default:
      return value
    }
  }

  /// The component a `$ref` in `fileName` names: another file, or one of its own `$defs`.
  private func component(for target: String, in fileName: String) throws(OpenAPIError) -> String {
    if target.hasPrefix("#/$defs/") {
      let name = String(target.dropFirst("#/$defs/".count))
      guard let component = Self.definitionComponents[fileName]?[name] else {
        throw .unresolvable(target, in: fileName)
      }
      return component
    }
    guard let component = Self.fileComponents[target] else {
      throw .unresolvable(target, in: fileName)
    }
    return component
  }

  private static func copying(_ keys: [String], from source: JSONValue, into target: JSONValue)
    -> JSONValue
  {
    guard case .object(var object) = target else { return target }
    for key in keys { object[key] = source[key] }
    return .object(object)
  }
}

/// Why the OpenAPI document could not be built from the declared schemas.
public enum OpenAPIError: Error, Sendable, CustomStringConvertible {
  /// A schema file or definition the document needs is not among the declared schemas.
  case schemaMissing(String)
  /// A reference the document cannot resolve to a component.
  case unresolvable(String, in: String)

  public var description: String {
    switch self {
    case .schemaMissing(let name): "the declared schemas have no \(name)"
    case .unresolvable(let target, let file):
      "\(file) refers to '\(target)', which has no OpenAPI component"
    }
  }
}
