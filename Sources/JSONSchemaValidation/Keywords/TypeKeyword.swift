import JSONCore

/// `type` (validation, section 6.1.1).
final class TypeKeyword: AssertionKeyword, Keyword {
  static let name = "type"
  static let vocabulary = Vocabulary.validation
  let types: TypeMask

  init(site: KeywordSite, types: TypeMask) {
    self.types = types
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> TypeKeyword?
  {
    guard let value = schema[name] else { return nil }
    var mask = TypeMask()
    switch value {
    case .string(let typeName):
      guard let type = TypeMask(name: typeName) else {
        throw schema.invalid(name, "unknown type '\(typeName)'")
      }
      mask = type
    case .array(let names):
      for typeName in names {
        guard case .string(let text) = typeName, let type = TypeMask(name: text) else {
          throw schema.invalid(name, "'type' must list type names")
        }
        mask.insert(type)
      }
    default:
      throw schema.invalid(name, "'type' must be a type name or an array of them")
    }
    return TypeKeyword(site: schema.site(name), types: mask)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    types.admits(instance.pointee)
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    evaluator.fail(
      site, "expected \(list(types.names, conjunction: "or")), found \(describeType(instance))")
  }
}

/// JSON types as a bit set, for `type`.
struct TypeMask: OptionSet, Sendable {
  let rawValue: UInt8
  static let null = TypeMask(rawValue: 1)
  static let boolean = TypeMask(rawValue: 2)
  static let object = TypeMask(rawValue: 4)
  static let array = TypeMask(rawValue: 8)
  static let number = TypeMask(rawValue: 16)
  static let string = TypeMask(rawValue: 32)
  static let integer = TypeMask(rawValue: 64)

  init(rawValue: UInt8) { self.rawValue = rawValue }

  init?(name: String) {
    switch name {
    case "null": self = .null
    case "boolean": self = .boolean
    case "object": self = .object
    case "array": self = .array
    case "number": self = .number
    case "string": self = .string
    case "integer": self = .integer
    default: return nil
    }
  }

  func admits(_ value: JSONValue) -> Bool {
    switch value {
    case .null: return contains(.null)
    case .bool: return contains(.boolean)
    case .object: return contains(.object)
    case .array: return contains(.array)
    case .string: return contains(.string)
    case .number(let number):
      return contains(.number) || (contains(.integer) && number.isInteger)
    }
  }

  var names: [String] {
    var result: [String] = []
    let all: [(TypeMask, String)] = [
      (.null, "null"), (.boolean, "boolean"), (.object, "object"), (.array, "array"),
      (.number, "number"), (.string, "string"), (.integer, "integer"),
    ]
    for (member, name) in all where contains(member) { result.append(name) }
    return result
  }
}

/// `a`, `a or b`, `a, b or c`.
func list(_ items: [String], conjunction: String) -> String {
  switch items.count {
  case 0: return "nothing"
  case 1: return items[0]
  default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
  }
}

/// The type of a value as a message says it: `integer 5`, `number 1.5`, `string "x"`, `object`.
func describeType(_ value: JSONValue) -> String {
  switch value {
  case .number(let number): return (number.isInteger ? "integer " : "number ") + number.description
  case .string, .bool, .null: return value.typeName + " " + render(value, limit: 40)
  default: return value.typeName
  }
}
