#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A JSON number, kept exactly as the decimal the text wrote.
///
/// The value is `±significand × 10^exponent` held in one canonical form, so two numbers are
/// equal exactly when they are mathematically equal (`1`, `1.0` and `10e-1` are one value):
/// - `integer`: an integer that fits `Int64`;
/// - `decimal`: any other value whose significand fits `UInt64` once trailing zeros move into
///   the exponent;
/// - `big`: anything larger, as a digit string.
/// Comparisons and `multipleOf` are exact for all three; nothing is rounded through `Double`
/// unless the divisor itself has more than 19 significant digits.
public struct JSONNumber: Sendable, Hashable {
  @usableFromInline
  enum Storage: Sendable, Hashable {
    case integer(Int64)
    // Fields ordered for packing: the case fits 14 bytes, so a JSONValue fits 17.
    case decimal(significand: UInt64, exponent: Int32, negative: Bool)
    case big(BigDecimal)
  }

  @usableFromInline
  let storage: Storage

  @inlinable
  init(storage: Storage) { self.storage = storage }

  /// The number `value`.
  @inlinable
  public init(_ value: Int) { storage = .integer(Int64(value)) }

  /// The number `value`.
  @inlinable
  public init(_ value: Int64) { storage = .integer(value) }

  /// The shortest decimal that round-trips to `value`; `nil` for infinities and NaN.
  public init?(exactly value: Double) {
    guard value.isFinite else { return nil }
    if value == value.rounded(.towardZero), let integer = Int64(exactly: value) {
      self.init(integer)
      return
    }
    guard let parsed = JSONNumber(text: "\(value)") else { return nil }
    self = parsed
  }

  /// The shortest decimal that round-trips to `value`; NaN and infinities become `0`.
  public init(_ value: Double) {
    self = JSONNumber(exactly: value) ?? JSONNumber(0)
  }

  /// Parses the text of a JSON number (`-12.5e3`); `nil` when it is not one.
  public init?(text: String) {
    var digits: [UInt8] = []
    var exponent = 0
    var negative = false
    var bytes = Array(text.utf8)[...]
    if bytes.first == UInt8(ascii: "-") {
      negative = true
      bytes = bytes.dropFirst()
    }
    var integerDigits = 0
    var fractionDigits = 0
    var sawPoint = false
    while let byte = bytes.first {
      if byte >= 0x30 && byte <= 0x39 {
        digits.append(byte)
        if sawPoint {
          exponent -= 1
          fractionDigits += 1
        } else {
          integerDigits += 1
        }
      } else if byte == UInt8(ascii: "."), !sawPoint {
        sawPoint = true
      } else {
        break
      }
      bytes = bytes.dropFirst()
    }
    // JSON grammar: digits on both sides of a point, no leading zeros.
    guard integerDigits > 0, !sawPoint || fractionDigits > 0 else { return nil }
    guard integerDigits == 1 || digits.first != UInt8(ascii: "0") else { return nil }
    if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      var exponentNegative = false
      if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        exponentNegative = sign == UInt8(ascii: "-")
        bytes = bytes.dropFirst()
      }
      guard !bytes.isEmpty else { return nil }
      var value = 0
      for byte in bytes {
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = min(value * 10 + Int(byte - 0x30), JSONNumber.maximumExponentMagnitude * 2)
      }
      bytes = bytes.dropFirst(bytes.count)
      exponent += exponentNegative ? -value : value
    }
    guard bytes.isEmpty,
      let number = JSONNumber.make(negative: negative, digits: digits, exponent: exponent)
    else { return nil }
    self = number
  }

  /// Exponents beyond this magnitude are not represented; the parser reports them as errors.
  public static let maximumExponentMagnitude = 1_000_000_000
}

// MARK: - Construction in canonical form

extension JSONNumber {
  /// The canonical number `±significand × 10^exponent`.
  @inlinable
  public static func make(negative: Bool, significand: UInt64, exponent: Int) -> JSONNumber {
    if significand == 0 { return JSONNumber(storage: .integer(0)) }
    var significand = significand
    var exponent = exponent
    while significand % 10 == 0 {
      significand /= 10
      exponent += 1
    }
    if exponent >= 0 && exponent <= 18 {
      let (scaled, overflow) = significand.multipliedReportingOverflow(by: powersOfTen[exponent])
      if !overflow {
        if negative {
          if scaled <= UInt64(Int64.max) + 1 {
            return JSONNumber(
              storage: .integer(scaled == UInt64(Int64.max) + 1 ? Int64.min : -Int64(scaled)))
          }
        } else if scaled <= UInt64(Int64.max) {
          return JSONNumber(storage: .integer(Int64(scaled)))
        }
      }
    }
    if let exponent32 = Int32(exactly: exponent) {
      return JSONNumber(
        storage: .decimal(significand: significand, exponent: exponent32, negative: negative))
    }
    return JSONNumber(
      storage: .big(
        BigDecimal(negative: negative, digits: Array(String(significand).utf8), exponent: exponent))
    )
  }

  /// The canonical number `±digits × 10^exponent`, `digits` being ASCII decimal digits;
  /// `nil` when the exponent's magnitude exceeds ``maximumExponentMagnitude``.
  public static func make(negative: Bool, digits: [UInt8], exponent: Int) -> JSONNumber? {
    var start = 0
    while start < digits.count && digits[start] == 0x30 { start += 1 }
    var end = digits.count
    var exponent = exponent
    while end > start && digits[end - 1] == 0x30 {
      end -= 1
      exponent += 1
    }
    if start == end { return JSONNumber(storage: .integer(0)) }
    guard abs(exponent) <= maximumExponentMagnitude else { return nil }
    // Up to 20 digits may fit UInt64; the overflow checks below decide. (Sending every
    // 20-digit significand to `.big` gave values like 18446744073709551615 two storages.)
    if end - start <= 20 {
      var significand: UInt64 = 0
      var fits = true
      for index in start..<end {
        let (shifted, overflow1) = significand.multipliedReportingOverflow(by: 10)
        let (added, overflow2) = shifted.addingReportingOverflow(UInt64(digits[index] - 0x30))
        if overflow1 || overflow2 {
          fits = false
          break
        }
        significand = added
      }
      if fits { return make(negative: negative, significand: significand, exponent: exponent) }
    }
    return JSONNumber(
      storage: .big(
        BigDecimal(negative: negative, digits: Array(digits[start..<end]), exponent: exponent)))
  }

  @usableFromInline
  static let powersOfTen: [UInt64] = {
    var table: [UInt64] = [1]
    for _ in 1...19 { table.append(table.last! * 10) }
    return table
  }()
}

/// A decimal too large for `JSONNumber`'s compact forms: `±digits × 10^exponent`.
@usableFromInline
final class BigDecimal: Sendable, Hashable {
  @usableFromInline let negative: Bool
  /// ASCII digits, no leading or trailing zeros, never empty.
  @usableFromInline let digits: [UInt8]
  @usableFromInline let exponent: Int

  @usableFromInline
  init(negative: Bool, digits: [UInt8], exponent: Int) {
    self.negative = negative
    self.digits = digits
    self.exponent = exponent
  }

  @usableFromInline
  static func == (lhs: BigDecimal, rhs: BigDecimal) -> Bool {
    lhs.negative == rhs.negative && lhs.exponent == rhs.exponent && lhs.digits == rhs.digits
  }

  @usableFromInline
  func hash(into hasher: inout Hasher) {
    hasher.combine(negative)
    hasher.combine(exponent)
    hasher.combine(digits)
  }
}

// MARK: - Reading the value

extension JSONNumber {
  /// Whether the value is mathematically an integer (`1.0` and `1e400` are).
  @inlinable
  public var isInteger: Bool {
    switch storage {
    case .integer: return true
    case .decimal(_, let exponent, _): return exponent >= 0
    case .big(let big): return big.exponent >= 0
    }
  }

  /// Whether the value is below zero.
  public var isNegative: Bool {
    switch storage {
    case .integer(let value): return value < 0
    case .decimal(_, _, let negative): return negative
    case .big(let big): return big.negative
    }
  }

  /// The value when it is an integer that fits `Int64`.
  @inlinable
  public var int64Value: Int64? {
    if case .integer(let value) = storage { return value }
    return nil
  }

  /// The value when it is an integer that fits `Int`.
  public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

  /// The nearest `Double` (infinite beyond its range).
  public var doubleValue: Double {
    switch storage {
    case .integer(let value):
      return Double(value)
    case .decimal(let significand, let exponent, let negative):
      // Exact when both the significand and the power of ten are exact doubles.
      if significand < (1 << 53) && exponent >= -22 && exponent <= 22 {
        let magnitude =
          exponent >= 0
          ? Double(significand) * exactPowersOfTen[Int(exponent)]
          : Double(significand) / exactPowersOfTen[Int(-exponent)]
        return negative ? -magnitude : magnitude
      }
      return Double(description) ?? .nan
    case .big:
      return Double(description) ?? .nan
    }
  }

  /// `±significand × 10^exponent` with the significand as ASCII digits.
  var decimalDigits: (negative: Bool, digits: [UInt8], exponent: Int) {
    switch storage {
    case .integer(let value):
      return (value < 0, Array(String(value.magnitude).utf8), 0)
    case .decimal(let significand, let exponent, let negative):
      return (negative, Array(String(significand).utf8), Int(exponent))
    case .big(let big):
      return (big.negative, big.digits, big.exponent)
    }
  }
}

private let exactPowersOfTen: [Double] = (0...22).map { exponent in
  var value = 1.0
  for _ in 0..<exponent { value *= 10 }
  return value
}

// MARK: - Text

extension JSONNumber: CustomStringConvertible {
  /// The canonical JSON text: integers in full up to 21 digits, other values in plain decimal
  /// notation when short, else `d.ddde±N`. It parses back to the same number.
  public var description: String {
    if case .integer(let value) = storage { return String(value) }
    let (negative, digits, exponent) = decimalDigits
    var text = negative ? "-" : ""
    let pointPosition = digits.count + exponent  // digits before the decimal point
    if exponent >= 0 && pointPosition <= 21 {
      text += String(decoding: digits, as: UTF8.self)
      text += String(repeating: "0", count: exponent)
    } else if exponent < 0 && pointPosition > 0 {
      text += String(decoding: digits[..<pointPosition], as: UTF8.self)
      text += "."
      text += String(decoding: digits[pointPosition...], as: UTF8.self)
    } else if exponent < 0 && pointPosition > -6 {
      text += "0."
      text += String(repeating: "0", count: -pointPosition)
      text += String(decoding: digits, as: UTF8.self)
    } else {
      text += String(decoding: digits[..<1], as: UTF8.self)
      if digits.count > 1 {
        text += "."
        text += String(decoding: digits[1...], as: UTF8.self)
      }
      let scientificExponent = pointPosition - 1
      text += scientificExponent < 0 ? "e-" : "e+"
      text += String(scientificExponent.magnitude)
    }
    return text
  }
}

// MARK: - Exact arithmetic

extension JSONNumber: Comparable {
  public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    compare(lhs, rhs) < 0
  }

  /// `-1`, `0` or `1` as `lhs` is less than, equal to or greater than `rhs`, exactly.
  @inlinable
  public static func compare(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
    if case .integer(let a) = lhs.storage, case .integer(let b) = rhs.storage {
      return a < b ? -1 : (a == b ? 0 : 1)
    }
    return compareSlow(lhs, rhs)
  }

  @usableFromInline
  static func compareSlow(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
    let leftNegative = lhs.isNegative
    let rightNegative = rhs.isNegative
    let leftZero = lhs.storage == .integer(0)
    let rightZero = rhs.storage == .integer(0)
    if leftZero && rightZero { return 0 }
    if leftNegative != rightNegative || leftZero || rightZero {
      // Signs differ, or one side is zero: the sign decides.
      let leftSign = leftZero ? 0 : (leftNegative ? -1 : 1)
      let rightSign = rightZero ? 0 : (rightNegative ? -1 : 1)
      return leftSign < rightSign ? -1 : (leftSign == rightSign ? 0 : 1)
    }
    let magnitudeOrder = compareMagnitudes(lhs, rhs)
    return leftNegative ? -magnitudeOrder : magnitudeOrder
  }

  /// The significand and exponent when they fit 64 bits.
  private var compactParts: (significand: UInt64, exponent: Int)? {
    switch storage {
    case .integer(let value): return (value.magnitude, 0)
    case .decimal(let significand, let exponent, _): return (significand, Int(exponent))
    case .big: return nil
    }
  }

  /// Compares `|lhs|` with `|rhs|`, both non-zero.
  private static func compareMagnitudes(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
    if let (s1, e1) = lhs.compactParts, let (s2, e2) = rhs.compactParts {
      if e1 == e2 { return s1 < s2 ? -1 : (s1 == s2 ? 0 : 1) }
      if e1 > e2 {
        guard let scaled = scale(s1, by: e1 - e2) else { return 1 }
        return scaled < s2 ? -1 : (scaled == s2 ? 0 : 1)
      }
      guard let scaled = scale(s2, by: e2 - e1) else { return -1 }
      return s1 < scaled ? -1 : (s1 == scaled ? 0 : 1)
    }
    let a = lhs.decimalDigits
    let b = rhs.decimalDigits
    let orderA = a.digits.count + a.exponent
    let orderB = b.digits.count + b.exponent
    if orderA != orderB { return orderA < orderB ? -1 : 1 }
    let length = max(a.digits.count, b.digits.count)
    for position in 0..<length {
      let digitA = position < a.digits.count ? a.digits[position] : 0x30
      let digitB = position < b.digits.count ? b.digits[position] : 0x30
      if digitA != digitB { return digitA < digitB ? -1 : 1 }
    }
    return 0
  }

  private static func scale(_ value: UInt64, by exponent: Int) -> UInt64? {
    guard exponent <= 19 else { return nil }
    let (scaled, overflow) = value.multipliedReportingOverflow(by: powersOfTen[exponent])
    return overflow ? nil : scaled
  }

  /// Whether `self / divisor` is an integer, exactly; `divisor` must be positive.
  ///
  /// With `self = a × 10^p` and `divisor = b × 10^q`, the quotient is an integer when
  /// `a × 10^(p-q)` is divisible by `b` (for `p ≥ q`), or `a` by `b × 10^(q-p)` (for `p < q`).
  public func isMultiple(of divisor: JSONNumber) -> Bool {
    if case .integer(let a) = storage, case .integer(let b) = divisor.storage, b != 0 {
      return a % b == 0
    }
    let x = decimalDigits
    let d = divisor.decimalDigits
    guard let b = UInt64(String(decoding: d.digits, as: UTF8.self)), b != 0 else {
      // A divisor of more than 19 significant digits: no exact path; use doubles.
      let quotient = doubleValue / divisor.doubleValue
      return quotient.isFinite && quotient == quotient.rounded()
    }
    if self.storage == .integer(0) { return true }
    if x.exponent >= d.exponent {
      // (digits of x) × 10^(p - q) mod b
      var remainder: UInt64 = 0
      for digit in x.digits {
        remainder = UInt64((UInt128(remainder) * 10 + UInt128(digit - 0x30)) % UInt128(b))
      }
      let power = Self.powerMod(10, x.exponent - d.exponent, b)
      return UInt64((UInt128(remainder) * UInt128(power)) % UInt128(b)) == 0
    }
    // a mod (b × 10^(q - p)): when the modulus exceeds every value a can take, only a = 0 divides.
    let shift = d.exponent - x.exponent
    guard shift <= 38, x.digits.count <= 38 else { return false }
    var modulus = UInt128(b)
    for _ in 0..<shift {
      let (next, overflow) = modulus.multipliedReportingOverflow(by: 10)
      if overflow { return false }
      modulus = next
    }
    guard let a = UInt128(String(decoding: x.digits, as: UTF8.self)) else { return false }
    return a % modulus == 0
  }

  private static func powerMod(_ base: UInt64, _ exponent: Int, _ modulus: UInt64) -> UInt64 {
    var result: UInt128 = 1 % UInt128(modulus)
    var base = UInt128(base) % UInt128(modulus)
    var exponent = exponent
    while exponent > 0 {
      if exponent & 1 == 1 { result = result * base % UInt128(modulus) }
      base = base * base % UInt128(modulus)
      exponent >>= 1
    }
    return UInt64(result)
  }
}
