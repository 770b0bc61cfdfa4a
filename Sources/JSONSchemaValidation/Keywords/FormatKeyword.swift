import JSONCore

/// `format` (validation, section 7), asserted when the validator's options or the meta-schema's
/// format-assertion vocabulary ask; otherwise an annotation, with nothing to evaluate.
final class FormatKeyword: AssertionKeyword, Keyword {
  static let name = "format"
  static let vocabulary = Vocabulary.format
  let format: String
  /// The check of the string's UTF-8 bytes; `nil` for `regex`, checked by this library's
  /// ECMAScript parser.
  let byteCheck: (@Sendable (UTF8Bytes) -> Bool)?

  init(site: KeywordSite, format: String, byteCheck: (@Sendable (UTF8Bytes) -> Bool)?) {
    self.format = format
    self.byteCheck = byteCheck
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> FormatKeyword?
  {
    guard let format = try schema.string(name, "a string") else { return nil }
    guard compiler.formatsAsserted || schema.vocabularies.formatAssertion else { return nil }
    let byteCheck = FormatChecker.byteCheck(for: format)
    guard byteCheck != nil || format == "regex" else { return nil }
    return FormatKeyword(site: schema.site(name), format: format, byteCheck: byteCheck)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .string(let string) = instance.pointee else { return true }
    guard let byteCheck else { return ECMAScriptRegex.isValid(string) }
    return FormatChecker.withUTF8(string, byteCheck)
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .string(let string) = instance else { return }
    let reason: String? =
      switch format {
      case "date-time": RFC3339Explanation.dateTimeProblem(string)
      case "date": RFC3339Explanation.dateProblem(string)
      default: nil
      }
    evaluator.fail(
      site, "\(render(instance)) is not a valid \(format)" + (reason.map { ": \($0)" } ?? ""))
  }
}
