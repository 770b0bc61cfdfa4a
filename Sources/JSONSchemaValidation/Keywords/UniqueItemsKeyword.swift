import JSONCore

/// `uniqueItems` (validation, section 6.4.3); it passes every value that is not an array.
final class UniqueItemsKeyword: AssertionKeyword, Keyword {
  static let name = "uniqueItems"
  static let vocabulary = Vocabulary.validation

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> UniqueItemsKeyword?
  {
    guard let value = schema[name] else { return nil }
    guard case .bool(let unique) = value else {
      throw schema.invalid(name, "'uniqueItems' must be a boolean")
    }
    return unique ? UniqueItemsKeyword(site: schema.site(name)) : nil
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .array(let elements) = instance.pointee else { return true }
    return Self.firstDuplicate(elements) == nil
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .array(let elements) = instance, let (first, second) = Self.firstDuplicate(elements)
    else { return }
    evaluator.fail(
      site,
      "items \(first) and \(second) are equal (\(render(elements[second]))), but items must be unique"
    )
  }

  private static func firstDuplicate(_ elements: [JSONValue]) -> (Int, Int)? {
    if elements.count <= 16 {
      for second in elements.indices {
        for first in 0..<second where elements[first] == elements[second] { return (first, second) }
      }
      return nil
    }
    var seen: [JSONValue: Int] = [:]
    for (position, element) in elements.enumerated() {
      if let first = seen[element] { return (first, position) }
      seen[element] = position
    }
    return nil
  }
}
