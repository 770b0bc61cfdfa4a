/// `idn-hostname`: an internationalized host name (RFC 5890 section 2.3.2.3), whose labels are
/// LDH labels as in `hostname`, A-labels, or U-labels.
///
/// The name is checked the way an IDNA2008 lookup application prepares one (RFC 5891 section 5):
/// it is put in Unicode NFC (section 5.2), split into labels at `.` and at the full stops U+3002,
/// U+FF0E and U+FF61 (which RFC 3490 section 3.1 also treats as separators), and every label
/// holding a non-ASCII character is converted to its A-label, `xn--` and the label's Punycode.
/// The resulting ASCII name must then be a valid `hostname`, so each converted label must decode
/// to a valid U-label (RFC 5891 section 5.4: no `--` in the third and fourth positions, no hyphen
/// at either end, no leading combining mark, PVALID code points, the CONTEXTJ and CONTEXTO rules
/// of RFC 5892 appendix A), the RFC 5893 Bidi rule must hold across the name, and the lengths
/// apply to the A-label form: 63 octets a label, 253 the name.
///
/// A U-label holds no upper-case ASCII letter, which is DISALLOWED (IDNA2008 maps no case); an
/// all-ASCII label compares case-insensitively, as in `hostname`.
enum IDNHostnameFormat {
  static func isIDNHostname(_ s: UTF8Bytes) -> Bool {
    isIDNHostname(s, from: 0, to: s.count)
  }

  static func isIDNHostname(_ s: UTF8Bytes, from start: Int, to end: Int) -> Bool {
    var isASCII = true
    for i in start..<end where s[i] >= 0x80 {
      isASCII = false
      break
    }
    if isASCII { return HostnameFormat.isHostname(s, from: start, to: end) }
    guard let name = asciiForm(UnsafeBufferPointer(rebasing: s[start..<end])) else {
      return false
    }
    return name.withUnsafeBufferPointer(HostnameFormat.isHostname)
  }

  /// The name with its labels that hold non-ASCII characters converted to A-labels, or nil when
  /// such a label holds an upper-case ASCII letter or is too long for any A-label to fit.
  private static func asciiForm(_ s: UTF8Bytes) -> [UInt8]? {
    let string = String(decoding: s, as: UTF8.self)
    let normalized = String(decoding: Array(string._nfcCodeUnits), as: UTF8.self)
    var name: [UInt8] = []
    name.reserveCapacity(s.count + 16)
    var label: [UInt32] = []
    var labelIsASCII = true
    for scalar in normalized.unicodeScalars {
      if isLabelSeparator(scalar.value) {
        guard appendLabel(label, isASCII: labelIsASCII, to: &name) else { return nil }
        name.append(UInt8(ascii: "."))
        label.removeAll(keepingCapacity: true)
        labelIsASCII = true
      } else {
        label.append(scalar.value)
        if scalar.value >= 0x80 { labelIsASCII = false }
      }
    }
    guard appendLabel(label, isASCII: labelIsASCII, to: &name) else { return nil }
    return name
  }

  /// Appends `label`, converted to an A-label when it is not ASCII.
  private static func appendLabel(_ label: [UInt32], isASCII: Bool, to name: inout [UInt8])
    -> Bool
  {
    if isASCII {
      name.append(contentsOf: label.lazy.map { UInt8(truncatingIfNeeded: $0) })
      return true
    }
    // Punycode spends at least one character on each code point, so a label of more than 59
    // code points cannot become an A-label of 63 octets; checking first bounds the encoding work.
    guard label.count <= 59 else { return false }
    guard !label.contains(where: { (0x41...0x5A).contains($0) }) else { return false }
    name.append(contentsOf: "xn--".utf8)
    name.append(contentsOf: Punycode.encode(label))
    return true
  }

  /// FULL STOP and the three other full stops that separate labels.
  @inline(__always)
  private static func isLabelSeparator(_ value: UInt32) -> Bool {
    value == 0x2E || value == 0x3002 || value == 0xFF0E || value == 0xFF61
  }
}
