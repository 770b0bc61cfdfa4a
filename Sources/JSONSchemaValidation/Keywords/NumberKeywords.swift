import JSONCore

// `multipleOf`, `maximum`, `exclusiveMaximum`, `minimum` and `exclusiveMinimum` (validation,
// section 6.2): they pass every value that is not a number.

final class MultipleOfKeyword: AssertionKeyword, Keyword {
  static let name = "multipleOf"
  static let vocabulary = Vocabulary.validation
  let divisor: JSONNumber

  init(site: KeywordSite, divisor: JSONNumber) {
    self.divisor = divisor
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> MultipleOfKeyword?
  {
    guard let divisor = try schema.number(name) else { return nil }
    guard divisor > JSONNumber(0) else {
      throw schema.invalid(name, "'multipleOf' must be greater than 0")
    }
    return MultipleOfKeyword(site: schema.site(name), divisor: divisor)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .number(let number) = instance.pointee else { return true }
    return number.isMultiple(of: divisor)
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .number(let number) = instance else { return }
    evaluator.fail(site, "\(number) is not a multiple of \(divisor)")
  }
}

/// What the four bounds share: a number to compare with, which comparisons pass, and the
/// message.
class NumericBoundKeyword: AssertionKeyword {
  /// Whether a number below, equal to or above the bound passes; each keyword says.
  class var passes: (below: Bool, equal: Bool, above: Bool) {
    preconditionFailure("\(Self.self) must say which numbers pass")
  }
  /// How a failing number stands to the bound: "is greater than the maximum".
  class var failure: String { preconditionFailure("\(Self.self) must say how a number fails") }

  let bound: JSONNumber
  // The class's answer, kept so that a check reads no class metadata.
  private let passes: (below: Bool, equal: Bool, above: Bool)

  required init(site: KeywordSite, bound: JSONNumber) {
    self.bound = bound
    passes = Self.passes
    super.init(site: site)
  }

  override final func isValid(
    _ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator
  ) -> Bool {
    guard case .number(let number) = instance.pointee else { return true }
    switch JSONNumber.compare(number, bound) {
    case ..<0: return passes.below
    case 0: return passes.equal
    default: return passes.above
    }
  }

  override final func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .number(let number) = instance else { return }
    evaluator.fail(site, "\(number) \(Self.failure) \(bound)")
  }
}

extension Keyword where Self: NumericBoundKeyword {
  static var vocabulary: Vocabulary { .validation }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> Self?
  {
    try schema.number(name).map { Self(site: schema.site(name), bound: $0) }
  }
}

final class MaximumKeyword: NumericBoundKeyword, Keyword {
  static let name = "maximum"
  override class var passes: (below: Bool, equal: Bool, above: Bool) { (true, true, false) }
  override class var failure: String { "is greater than the maximum" }
}

final class ExclusiveMaximumKeyword: NumericBoundKeyword, Keyword {
  static let name = "exclusiveMaximum"
  override class var passes: (below: Bool, equal: Bool, above: Bool) { (true, false, false) }
  override class var failure: String { "is not less than the exclusive maximum" }
}

final class MinimumKeyword: NumericBoundKeyword, Keyword {
  static let name = "minimum"
  override class var passes: (below: Bool, equal: Bool, above: Bool) { (false, true, true) }
  override class var failure: String { "is less than the minimum" }
}

final class ExclusiveMinimumKeyword: NumericBoundKeyword, Keyword {
  static let name = "exclusiveMinimum"
  override class var passes: (below: Bool, equal: Bool, above: Bool) { (false, false, true) }
  override class var failure: String { "is not greater than the exclusive minimum" }
}
