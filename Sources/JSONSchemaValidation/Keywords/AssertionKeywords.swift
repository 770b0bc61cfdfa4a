import JSONCore

// The validation vocabulary (draft 2020-12 validation spec, section 6) and `format`: keywords
// that look at one value and pass or fail it.
extension Evaluator {
  mutating func evaluateAssertion(_ keyword: CompiledKeyword, _ instance: JSONValue) -> Bool {
    switch keyword.check {
    case .type(let mask):
      if mask.admits(instance) { return true }
      return fail(
        keyword, "expected \(list(mask.names, conjunction: "or")), found \(describeType(instance))")
    case .constant(let expected):
      if instance == expected { return true }
      return fail(keyword, "expected \(render(expected)), found \(render(instance))")
    case .enumeration(let options):
      if options.contains(instance) { return true }
      return fail(keyword, "\(render(instance)) is not one of \(render(.array(options)))")
    case .multipleOf(let divisor):
      guard case .number(let number) = instance, !number.isMultiple(of: divisor) else {
        return true
      }
      return fail(keyword, "\(number) is not a multiple of \(divisor)")
    case .maximum(let bound):
      guard case .number(let number) = instance, JSONNumber.compare(number, bound) > 0 else {
        return true
      }
      return fail(keyword, "\(number) is greater than the maximum \(bound)")
    case .exclusiveMaximum(let bound):
      guard case .number(let number) = instance, JSONNumber.compare(number, bound) >= 0 else {
        return true
      }
      return fail(keyword, "\(number) is not less than the exclusive maximum \(bound)")
    case .minimum(let bound):
      guard case .number(let number) = instance, JSONNumber.compare(number, bound) < 0 else {
        return true
      }
      return fail(keyword, "\(number) is less than the minimum \(bound)")
    case .exclusiveMinimum(let bound):
      guard case .number(let number) = instance, JSONNumber.compare(number, bound) <= 0 else {
        return true
      }
      return fail(keyword, "\(number) is not greater than the exclusive minimum \(bound)")
    case .maxLength(let limit):
      // Lengths count Unicode scalars; a string has no more scalars than UTF-8 bytes.
      guard case .string(let string) = instance, string.utf8.count > limit else { return true }
      let length = string.unicodeScalars.count
      if length <= limit { return true }
      return fail(
        keyword,
        "\(render(instance)) is \(length) characters long, more than the maximum length \(limit)")
    case .minLength(let limit):
      guard case .string(let string) = instance else { return true }
      let length = string.unicodeScalars.count
      if length >= limit { return true }
      return fail(
        keyword,
        "\(render(instance)) is \(length) characters long, less than the minimum length \(limit)")
    case .pattern(let regex):
      guard case .string(let string) = instance else { return true }
      switch Self.search(regex, in: string) {
      case true?: return true
      case false?:
        return fail(
          keyword, "\(render(instance)) does not match the pattern \(quoted(regex.pattern))")
      case nil: return fail(keyword, Self.stepLimitMessage(regex))
      }
    case .format(let name, let asserted):
      guard asserted, case .string(let string) = instance, !Self.holds(format: name, string)
      else { return true }
      let reason: String? =
        switch name {
        case "date-time": RFC3339Explanation.dateTimeProblem(string)
        case "date": RFC3339Explanation.dateProblem(string)
        default: nil
        }
      return fail(
        keyword, "\(render(instance)) is not a valid \(name)" + (reason.map { ": \($0)" } ?? ""))
    case .maxItems(let limit):
      guard case .array(let elements) = instance, elements.count > limit else { return true }
      return fail(
        keyword,
        "the array has \(elements.count) item\(elements.count == 1 ? "" : "s"), more than the maximum \(limit)"
      )
    case .minItems(let limit):
      guard case .array(let elements) = instance, elements.count < limit else { return true }
      return fail(
        keyword,
        "the array has \(elements.count) item\(elements.count == 1 ? "" : "s"), fewer than the minimum \(limit)"
      )
    case .uniqueItems:
      guard case .array(let elements) = instance, let (first, second) = firstDuplicate(elements)
      else {
        return true
      }
      return fail(
        keyword,
        "items \(first) and \(second) are equal (\(render(elements[second]))), but items must be unique"
      )
    case .maxProperties(let limit):
      guard case .object(let object) = instance, object.count > limit else { return true }
      return fail(
        keyword,
        "the object has \(object.count) propert\(object.count == 1 ? "y" : "ies"), more than the maximum \(limit)"
      )
    case .minProperties(let limit):
      guard case .object(let object) = instance, object.count < limit else { return true }
      return fail(
        keyword,
        "the object has \(object.count) propert\(object.count == 1 ? "y" : "ies"), fewer than the minimum \(limit)"
      )
    case .required(let table):
      guard case .object(let object) = instance else { return true }
      // One pass over the members counts the required ones present; names are unique.
      var present = 0
      for member in object.members where table.position(of: member) != nil { present += 1 }
      if present == table.names.count { return true }
      var valid = true
      for name in table.names where object[name] == nil {
        valid = fail(keyword, "the required property \(quoted(name)) is missing")
        if mode != .allErrors { return false }
      }
      return valid
    case .dependentRequired(let entries):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for entry in entries where object[entry.property] != nil {
        for name in entry.required where object[name] == nil {
          valid = fail(
            keyword,
            "the property \(quoted(name)) is required when \(quoted(entry.property)) is present")
          if mode != .allErrors { return false }
        }
      }
      return valid
    default:
      return true
    }
  }

  /// Whether `regex` matches somewhere in `string`; `nil` when the match ran out of steps (a
  /// catastrophically backtracking pattern), which callers report rather than guess.
  static func search(_ regex: ECMAScriptRegex, in string: String) -> Bool? {
    let limit = ECMAScriptRegex.defaultStepLimit(inputLength: string.utf8.count)
    return try? regex.matches(string, stepLimit: limit)
  }

  static func stepLimitMessage(_ regex: ECMAScriptRegex) -> String {
    "the pattern \(quoted(regex.pattern)) backtracked past its step limit on this value; it cannot be decided"
  }

  /// Whether `string` is a valid `format`; formats this library does not assert hold.
  static func holds(format: String, _ string: String) -> Bool {
    if format == "regex" { return ECMAScriptRegex.isValid(string) }
    return FormatChecker.check(format: format, string: string) != false
  }

  /// Whether this library asserts `format` when assertion is on.
  static func asserts(format: String) -> Bool {
    format == "regex" || FormatChecker.assertedFormats.contains(format)
  }

  private func firstDuplicate(_ elements: [JSONValue]) -> (Int, Int)? {
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
