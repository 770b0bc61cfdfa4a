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

  override func isValid(_ instance: JSONValue, _ evaluator: inout Evaluator) -> Bool {
    guard case .number(let number) = instance else { return true }
    return number.isMultiple(of: divisor)
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .number(let number) = instance else { return }
    evaluator.fail(site, "\(number) is not a multiple of \(divisor)")
  }
}

/// What the four bounds share: a number to compare with, and which comparisons pass.
class NumericBoundKeyword: AssertionKeyword {
  let bound: JSONNumber
  /// Whether a number below, equal to or above the bound passes.
  private let passes: (below: Bool, equal: Bool, above: Bool)
  /// How a failing number relates to the bound: "is greater than the maximum".
  private let failure: String

  init(
    site: KeywordSite, bound: JSONNumber, passes: (below: Bool, equal: Bool, above: Bool),
    failure: String
  ) {
    self.bound = bound
    self.passes = passes
    self.failure = failure
    super.init(site: site)
  }

  override final func isValid(_ instance: JSONValue, _ evaluator: inout Evaluator) -> Bool {
    guard case .number(let number) = instance else { return true }
    switch JSONNumber.compare(number, bound) {
    case ..<0: return passes.below
    case 0: return passes.equal
    default: return passes.above
    }
  }

  override final func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .number(let number) = instance else { return }
    evaluator.fail(site, "\(number) \(failure) \(bound)")
  }
}

final class MaximumKeyword: NumericBoundKeyword, Keyword {
  static let name = "maximum"
  static let vocabulary = Vocabulary.validation

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> MaximumKeyword?
  {
    try schema.number(name).map {
      MaximumKeyword(
        site: schema.site(name), bound: $0, passes: (true, true, false),
        failure: "is greater than the maximum")
    }
  }
}

final class ExclusiveMaximumKeyword: NumericBoundKeyword, Keyword {
  static let name = "exclusiveMaximum"
  static let vocabulary = Vocabulary.validation

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> ExclusiveMaximumKeyword?
  {
    try schema.number(name).map {
      ExclusiveMaximumKeyword(
        site: schema.site(name), bound: $0, passes: (true, false, false),
        failure: "is not less than the exclusive maximum")
    }
  }
}

final class MinimumKeyword: NumericBoundKeyword, Keyword {
  static let name = "minimum"
  static let vocabulary = Vocabulary.validation

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> MinimumKeyword?
  {
    try schema.number(name).map {
      MinimumKeyword(
        site: schema.site(name), bound: $0, passes: (false, true, true),
        failure: "is less than the minimum")
    }
  }
}

final class ExclusiveMinimumKeyword: NumericBoundKeyword, Keyword {
  static let name = "exclusiveMinimum"
  static let vocabulary = Vocabulary.validation

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> ExclusiveMinimumKeyword?
  {
    try schema.number(name).map {
      ExclusiveMinimumKeyword(
        site: schema.site(name), bound: $0, passes: (false, false, true),
        failure: "is not greater than the exclusive minimum")
    }
  }
}
