/// `hostname`: RFC 1123 section 2.1 host names, with labels that begin `xn--` checked as IDNA2008
/// A-labels (RFC 5890 section 2.3.2.1, RFC 5891 section 5.4).
///
/// Labels are 1 to 63 letters, digits and hyphens, not beginning or ending with a hyphen, and the
/// whole name is at most 253 bytes. A trailing dot (the DNS root) is not accepted. When an A-label
/// holds right-to-left characters, every label must meet the RFC 5893 Bidi rule (so, for example,
/// no label may then begin with a digit).
enum HostnameFormat {
  static func isHostname(_ s: UTF8Bytes) -> Bool {
    isHostname(s, from: 0, to: s.count)
  }

  static func isHostname(_ s: UTF8Bytes, from start: Int, to end: Int) -> Bool {
    guard end > start, end - start <= 253 else { return false }
    var labelStart = start
    var i = start
    var hasRightToLeftLabel = false
    var hasLabelBreakingBidiRule = false
    while true {
      while i < end, s[i] != UInt8(ascii: ".") {
        let byte = s[i]
        guard byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "-") else {
          return false
        }
        i += 1
      }
      let length = i - labelStart
      guard length >= 1, length <= 63, s[labelStart] != UInt8(ascii: "-"),
        s[i - 1] != UInt8(ascii: "-")
      else { return false }
      if length >= 4, s[labelStart + 2] == UInt8(ascii: "-"),
        s[labelStart + 3] == UInt8(ascii: "-"),
        s[labelStart] | 0x20 == UInt8(ascii: "x"), s[labelStart + 1] | 0x20 == UInt8(ascii: "n")
      {
        switch IDNA.checkALabel(s, payloadFrom: labelStart + 4, to: i) {
        case nil: return false
        case .rightToLeft: hasRightToLeftLabel = true
        case .leftToRight: break
        case .leftToRightBreakingRule: hasLabelBreakingBidiRule = true
        }
      } else if !s[labelStart].isASCIILetter {
        hasLabelBreakingBidiRule = true
      }
      if i == end { return !(hasRightToLeftLabel && hasLabelBreakingBidiRule) }
      i += 1
      labelStart = i
    }
  }
}
