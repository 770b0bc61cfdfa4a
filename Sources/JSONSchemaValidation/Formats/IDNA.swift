/// IDNA2008 checks for `xn--` labels in host names.
///
/// A label beginning `xn--` (in any case) must be an A-label (RFC 5890 section 2.3.2.1): its
/// Punycode (RFC 3492) payload decodes, re-encodes to the same text, and yields a U-label that
/// passes RFC 5891 section 5.4: NFC, no `--` in the third and fourth positions, no hyphen at
/// either end, no leading combining mark, every code point PVALID or an allowed CONTEXTJ /
/// CONTEXTO (RFC 5892 appendix A), and the Bidi rule (RFC 5893).
///
/// Code point properties come from the standard library's Unicode data with RFC 5892's
/// derivation. Script, joining type and right-to-left bidi classes, which the standard library
/// does not expose, come from the tables in `IDNATables`.
enum IDNA {
  /// A valid label's standing under the RFC 5893 Bidi rule, which binds every label of a name
  /// once any label holds a right-to-left character.
  enum BidiStanding {
    /// The label holds an R, AL or AN character and meets the rule for right-to-left labels.
    case rightToLeft
    /// The label holds no right-to-left character and meets the rule for left-to-right labels.
    case leftToRight
    /// The label holds no right-to-left character but breaks the rule for left-to-right labels,
    /// which matters only in a name that has a right-to-left label.
    case leftToRightBreakingRule
  }

  /// Checks `s[start..<end]`, the part of an `xn--` label after the prefix.
  ///
  /// - Returns: nil when the label is not a valid A-label.
  static func checkALabel(_ s: UTF8Bytes, payloadFrom start: Int, to end: Int) -> BidiStanding? {
    guard start < end else { return nil }
    // DNS labels compare case-insensitively, so the A-label is read in lower case.
    var payload: [UInt8] = []
    payload.reserveCapacity(end - start)
    for i in start..<end { payload.append(s[i].asciiLowercased) }
    guard let label = Punycode.decode(payload), label.contains(where: { $0 >= 0x80 }),
      Punycode.encode(label) == payload
    else { return nil }
    return checkULabel(label)
  }

  /// RFC 5891 section 5.4 checks on a decoded label.
  private static func checkULabel(_ label: [UInt32]) -> BidiStanding? {
    let scalars = label.compactMap(Unicode.Scalar.init)
    guard scalars.count == label.count, !scalars.isEmpty else { return nil }
    let string = String(String.UnicodeScalarView(scalars))
    guard string._nfcCodeUnits.elementsEqual(string.utf8) else { return nil }
    let hyphen: UInt32 = 0x2D
    if label.count >= 4, label[2] == hyphen, label[3] == hyphen { return nil }
    guard label[0] != hyphen, label[label.count - 1] != hyphen else { return nil }
    switch scalars[0].properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return nil
    default: break
    }
    for index in scalars.indices {
      switch property(of: scalars[index]) {
      case .pvalid: continue
      case .contextJ:
        guard meetsContextJ(scalars, at: index) else { return nil }
      case .contextO:
        guard meetsContextO(scalars, at: index) else { return nil }
      case .disallowed: return nil
      }
    }
    return bidiStanding(scalars)
  }

  /// The RFC 5892 derived property values.
  private enum DerivedProperty {
    case pvalid
    case contextJ
    case contextO
    /// DISALLOWED or UNASSIGNED.
    case disallowed
  }

  /// RFC 5892 section 3: the derived property value of a code point.
  private static func property(of scalar: Unicode.Scalar) -> DerivedProperty {
    let value = scalar.value
    // F: Exceptions.
    switch value {
    case 0xDF, 0x3C2, 0x6FD, 0x6FE, 0xF0B, 0x3007: return .pvalid
    case 0xB7, 0x375, 0x5F3, 0x5F4, 0x30FB, 0x660...0x669, 0x6F0...0x6F9: return .contextO
    case 0x640, 0x7FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B: return .disallowed
    default: break
    }
    // G: BackwardCompatible is empty.
    let properties = scalar.properties
    // J: Unassigned.
    if properties.generalCategory == .unassigned, !properties.isNoncharacterCodePoint {
      return .disallowed
    }
    // K: LDH.
    if value == 0x2D || (0x30...0x39).contains(value) || (0x61...0x7A).contains(value) {
      return .pvalid
    }
    // H: JoinControl.
    if properties.isJoinControl { return .contextJ }
    // B: Unstable; C: IgnorableProperties; D: IgnorableBlocks; I: OldHangulJamo.
    if properties.changesWhenNFKCCaseFolded || properties.isDefaultIgnorableCodePoint
      || properties.isWhitespace || properties.isNoncharacterCodePoint
    {
      return .disallowed
    }
    switch value {
    case 0x20D0...0x20FF, 0x1D100...0x1D24F: return .disallowed
    case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return .disallowed
    default: break
    }
    // A: LetterDigits.
    switch properties.generalCategory {
    case .lowercaseLetter, .uppercaseLetter, .otherLetter, .decimalNumber, .modifierLetter,
      .nonspacingMark, .spacingMark:
      return .pvalid
    default:
      return .disallowed
    }
  }

  /// RFC 5892 appendix A.1 and A.2: ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER.
  private static func meetsContextJ(_ label: [Unicode.Scalar], at index: Int) -> Bool {
    let virama = Unicode.CanonicalCombiningClass(rawValue: 9)
    if index > 0, label[index - 1].properties.canonicalCombiningClass == virama { return true }
    guard label[index].value == 0x200C else { return false }
    // (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D})
    var before = index - 1
    while before >= 0, isTransparentJoining(label[before]) { before -= 1 }
    guard before >= 0, IDNATables.contains(IDNATables.leftOrDualJoining, label[before].value)
    else { return false }
    var after = index + 1
    while after < label.count, isTransparentJoining(label[after]) { after += 1 }
    return after < label.count
      && IDNATables.contains(IDNATables.rightOrDualJoining, label[after].value)
  }

  /// Joining_Type T: general category Mn, Me or Cf except the code points ArabicShaping.txt
  /// lists with another joining type.
  private static func isTransparentJoining(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x600...0x605, 0x6DD, 0x890, 0x891, 0x8E2, 0x180E, 0x200C, 0x200D, 0x2066...0x2069,
      0x110BD, 0x110CD:
      return false
    case 0x1E94B:
      return true
    default:
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .enclosingMark, .format: return true
      default: return false
      }
    }
  }

  /// RFC 5892 appendix A.3 to A.9.
  private static func meetsContextO(_ label: [Unicode.Scalar], at index: Int) -> Bool {
    let before: UInt32? = index > 0 ? label[index - 1].value : nil
    let after: UInt32? = index + 1 < label.count ? label[index + 1].value : nil
    switch label[index].value {
    case 0xB7:
      // MIDDLE DOT between two "l".
      return before == 0x6C && after == 0x6C
    case 0x375:
      // GREEK LOWER NUMERAL SIGN (KERAIA) before a Greek character.
      guard let after else { return false }
      return IDNATables.contains(IDNATables.greek, after)
    case 0x5F3, 0x5F4:
      // HEBREW PUNCTUATION GERESH and GERSHAYIM after a Hebrew character.
      guard let before else { return false }
      return IDNATables.contains(IDNATables.hebrew, before)
    case 0x30FB:
      // KATAKANA MIDDLE DOT in a label with a Hiragana, Katakana or Han character.
      return label.contains { isHiraganaKatakanaOrHan($0) }
    case 0x660...0x669:
      // ARABIC-INDIC DIGITS not mixed with EXTENDED ARABIC-INDIC DIGITS.
      return !label.contains { (0x6F0...0x6F9).contains($0.value) }
    case 0x6F0...0x6F9:
      return !label.contains { (0x660...0x669).contains($0.value) }
    default:
      return false
    }
  }

  private static func isHiraganaKatakanaOrHan(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isUnifiedIdeograph
      || IDNATables.contains(IDNATables.hiraganaKatakanaHan, scalar.value)
  }

  /// The RFC 5893 bidi classes that occur among PVALID and contextual code points.
  private enum BidiClass {
    case leftToRight, rightToLeft, arabicLetter, arabicNumber, europeanNumber, europeanSeparator
    case otherNeutral, boundaryNeutral, nonspacingMark
  }

  private static func bidiClass(_ scalar: Unicode.Scalar) -> BidiClass {
    let value = scalar.value
    switch value {
    case 0x200C, 0x200D: return .boundaryNeutral
    case 0x2D: return .europeanSeparator
    case 0x30...0x39, 0x6F0...0x6F9: return .europeanNumber
    case 0x660...0x669, 0x10D30...0x10D39: return .arabicNumber
    case 0xB7, 0x375, 0x30FB, 0x2B9, 0x2BA, 0x2C6...0x2CF, 0x2EC, 0x374, 0x2E2F, 0xA67F,
      0xA717...0xA71F, 0xA788:
      return .otherNeutral
    case 0xCBF, 0xCC6, 0x11A07, 0x11A08, 0x11C3F: return .leftToRight
    default: break
    }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return .nonspacingMark
    default: break
    }
    if IDNATables.contains(IDNATables.rightToLeft, value) { return .rightToLeft }
    if IDNATables.contains(IDNATables.arabicLetter, value) { return .arabicLetter }
    return .leftToRight
  }

  /// RFC 5893 section 2: the label's standing under the Bidi rule, or nil for a right-to-left
  /// label that breaks it.
  private static func bidiStanding(_ label: [Unicode.Scalar]) -> BidiStanding? {
    let classes = label.map(bidiClass)
    let isRightToLeft = classes.contains {
      $0 == .rightToLeft || $0 == .arabicLetter || $0 == .arabicNumber
    }
    // The last character that is not a nonspacing mark.
    let last = classes.last { $0 != .nonspacingMark }
    if isRightToLeft {
      // Conditions 1 to 4.
      guard classes[0] == .rightToLeft || classes[0] == .arabicLetter else { return nil }
      guard classes.allSatisfy({ $0 != .leftToRight }) else { return nil }
      switch last {
      case .rightToLeft, .arabicLetter, .europeanNumber, .arabicNumber: break
      default: return nil
      }
      guard !(classes.contains(.europeanNumber) && classes.contains(.arabicNumber)) else {
        return nil
      }
      return .rightToLeft
    }
    // Conditions 1, 5 and 6; every class left here is allowed in a left-to-right label.
    guard classes[0] == .leftToRight, last == .leftToRight || last == .europeanNumber else {
      return .leftToRightBreakingRule
    }
    return .leftToRight
  }
}

/// RFC 3492 Punycode with the IDNA parameters.
enum Punycode {
  private static let base = 36
  private static let tMin = 1
  private static let tMax = 26
  private static let skew = 38
  private static let damp = 700
  private static let initialBias = 72
  private static let initialN = 0x80

  /// Decodes lower-case Punycode text to code points, or nil when it is malformed.
  static func decode(_ input: [UInt8]) -> [UInt32]? {
    var output: [UInt32] = []
    output.reserveCapacity(input.count)
    var position = 0
    if let delimiter = input.lastIndex(of: UInt8(ascii: "-")) {
      for byte in input[..<delimiter] {
        guard byte < 0x80 else { return nil }
        output.append(UInt32(byte))
      }
      position = delimiter + 1
    }
    var n = initialN
    var i = 0
    var bias = initialBias
    while position < input.count {
      let oldI = i
      var weight = 1
      var k = base
      while true {
        guard position < input.count, let digit = digitValue(input[position]) else { return nil }
        position += 1
        let (product, productOverflow) = digit.multipliedReportingOverflow(by: weight)
        let (sum, sumOverflow) = i.addingReportingOverflow(product)
        guard !productOverflow, !sumOverflow else { return nil }
        i = sum
        let t = threshold(k, bias)
        if digit < t { break }
        let (nextWeight, weightOverflow) = weight.multipliedReportingOverflow(by: base - t)
        guard !weightOverflow else { return nil }
        weight = nextWeight
        k += base
      }
      let length = output.count + 1
      bias = adapt(i - oldI, length, first: oldI == 0)
      let (nextN, nOverflow) = n.addingReportingOverflow(i / length)
      guard !nOverflow, nextN <= 0x10FFFF, !(0xD800...0xDFFF).contains(nextN) else { return nil }
      n = nextN
      i %= length
      output.insert(UInt32(n), at: i)
      i += 1
    }
    return output
  }

  /// Encodes code points as lower-case Punycode text.
  static func encode(_ input: [UInt32]) -> [UInt8] {
    var output: [UInt8] = input.compactMap { $0 < 0x80 ? UInt8($0) : nil }
    let basicCount = output.count
    var handled = basicCount
    if basicCount > 0 { output.append(UInt8(ascii: "-")) }
    var n = initialN
    var delta = 0
    var bias = initialBias
    while handled < input.count {
      let m = Int(input.lazy.filter { Int($0) >= n }.min() ?? 0)
      delta += (m - n) * (handled + 1)
      n = m
      for codePoint in input {
        if Int(codePoint) < n { delta += 1 }
        if Int(codePoint) == n {
          var q = delta
          var k = base
          while true {
            let t = threshold(k, bias)
            if q < t { break }
            output.append(digitByte(t + (q - t) % (base - t)))
            q = (q - t) / (base - t)
            k += base
          }
          output.append(digitByte(q))
          bias = adapt(delta, handled + 1, first: handled == basicCount)
          delta = 0
          handled += 1
        }
      }
      delta += 1
      n += 1
    }
    return output
  }

  private static func threshold(_ k: Int, _ bias: Int) -> Int {
    k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
  }

  private static func adapt(_ delta: Int, _ length: Int, first: Bool) -> Int {
    var delta = first ? delta / damp : delta / 2
    delta += delta / length
    var k = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + (base - tMin + 1) * delta / (delta + skew)
  }

  private static func digitValue(_ byte: UInt8) -> Int? {
    if byte.isASCIIDigit { return Int(byte.decimalDigitValue) + 26 }
    let letter = byte &- UInt8(ascii: "a")
    return letter < 26 ? Int(letter) : nil
  }

  private static func digitByte(_ digit: Int) -> UInt8 {
    digit < 26 ? UInt8(ascii: "a") + UInt8(digit) : UInt8(ascii: "0") + UInt8(digit - 26)
  }
}
