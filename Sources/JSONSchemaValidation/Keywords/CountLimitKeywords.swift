import JSONCore

// `maxLength`, `minLength`, `maxItems`, `minItems`, `maxProperties` and `minProperties`
// (validation, sections 6.3, 6.4 and 6.5): a limit on a count, the length of a string in Unicode
// scalars, the items of an array or the members of an object. They pass every other value.

/// What the six share: the count they limit, which side of the limit passes, and the message.
class CountLimitKeyword: AssertionKeyword {
  enum Counted {
    case length
    case items
    case properties
  }

  /// What each keyword counts, and whether its limit is a maximum rather than a minimum.
  class var counted: Counted { preconditionFailure("\(Self.self) must say what it counts") }
  class var isMaximum: Bool { preconditionFailure("\(Self.self) must say its side") }

  let limit: Int
  // The class's answers, kept so that a check reads no class metadata.
  private let counted: Counted
  private let isMaximum: Bool

  required init(site: KeywordSite, limit: Int) {
    self.limit = limit
    counted = Self.counted
    isMaximum = Self.isMaximum
    super.init(site: site)
  }

  /// The count of `instance`, or `nil` when the keyword does not apply to it.
  @inline(__always)
  private func count(of instance: JSONValue) -> Int? {
    switch (counted, instance) {
    case (.length, .string(let string)):
      // A string has no more scalars than UTF-8 bytes: most maxima need no counting.
      if isMaximum && string.utf8.count <= limit { return 0 }
      return string.unicodeScalars.count
    case (.items, .array(let elements)): return elements.count
    case (.properties, .object(let object)): return object.count
    default: return nil
    }
  }

  override final func isValid(
    _ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator
  ) -> Bool {
    guard let count = count(of: instance.pointee) else { return true }
    return isMaximum ? count <= limit : count >= limit
  }

  override final func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard let count = count(of: instance) else { return }
    let side = isMaximum ? "more than the maximum" : "fewer than the minimum"
    switch counted {
    case .length:
      let side = isMaximum ? "more than the maximum length" : "less than the minimum length"
      evaluator.fail(site, "\(render(instance)) is \(count) characters long, \(side) \(limit)")
    case .items:
      evaluator.fail(
        site, "the array has \(count) item\(count == 1 ? "" : "s"), \(side) \(limit)")
    case .properties:
      evaluator.fail(
        site, "the object has \(count) propert\(count == 1 ? "y" : "ies"), \(side) \(limit)")
    }
  }
}

extension Keyword where Self: CountLimitKeyword {
  static var vocabulary: Vocabulary { .validation }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> Self?
  {
    try schema.count(name).map { Self(site: schema.site(name), limit: $0) }
  }
}

final class MaxLengthKeyword: CountLimitKeyword, Keyword {
  static let name = "maxLength"
  override class var counted: Counted { .length }
  override class var isMaximum: Bool { true }
}

final class MinLengthKeyword: CountLimitKeyword, Keyword {
  static let name = "minLength"
  override class var counted: Counted { .length }
  override class var isMaximum: Bool { false }
}

final class MaxItemsKeyword: CountLimitKeyword, Keyword {
  static let name = "maxItems"
  override class var counted: Counted { .items }
  override class var isMaximum: Bool { true }
}

final class MinItemsKeyword: CountLimitKeyword, Keyword {
  static let name = "minItems"
  override class var counted: Counted { .items }
  override class var isMaximum: Bool { false }
}

final class MaxPropertiesKeyword: CountLimitKeyword, Keyword {
  static let name = "maxProperties"
  override class var counted: Counted { .properties }
  override class var isMaximum: Bool { true }
}

final class MinPropertiesKeyword: CountLimitKeyword, Keyword {
  static let name = "minProperties"
  override class var counted: Counted { .properties }
  override class var isMaximum: Bool { false }
}
