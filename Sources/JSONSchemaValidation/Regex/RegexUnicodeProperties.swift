import Foundation

/// A Unicode property a `\p{...}` escape tests.
enum UnicodePropertyMatcher: Sendable {
  /// A set of General_Category values, one bit per `Unicode.GeneralCategory`.
  case generalCategories(UInt32)
  case binary(BinaryUnicodeProperty)
  case ranges(ScalarRanges)
  case any
  case ascii
  case assigned

  func contains(_ value: UInt32) -> Bool {
    switch self {
    case .generalCategories(let mask):
      guard let scalar = Unicode.Scalar(value) else {
        return mask & UnicodeProperties.bit(.surrogate) != 0
      }
      return mask & UnicodeProperties.bit(scalar.properties.generalCategory) != 0
    case .binary(let property):
      guard let scalar = Unicode.Scalar(value) else { return false }
      return property.contains(scalar)
    case .ranges(let ranges):
      return ranges.contains(value)
    case .any:
      return true
    case .ascii:
      return value < 0x80
    case .assigned:
      guard let scalar = Unicode.Scalar(value) else { return true }
      return scalar.properties.generalCategory != .unassigned
    }
  }
}

/// The binary properties ECMA-262 allows in `\p{...}` that the standard library can answer.
enum BinaryUnicodeProperty: Sendable {
  case alphabetic, asciiHexDigit, bidiControl, bidiMirrored, caseIgnorable, cased
  case changesWhenCasefolded, changesWhenCasemapped, changesWhenLowercased
  case changesWhenNFKCCasefolded, changesWhenTitlecased, changesWhenUppercased
  case dash, defaultIgnorableCodePoint, deprecated, diacritic
  case emoji, emojiModifier, emojiModifierBase, emojiPresentation
  case extender, graphemeBase, graphemeExtend, hexDigit
  case idsBinaryOperator, idsTrinaryOperator, idContinue, idStart, ideographic
  case joinControl, logicalOrderException, lowercase, math, noncharacterCodePoint
  case patternSyntax, patternWhiteSpace, quotationMark, radical, sentenceTerminal
  case softDotted, terminalPunctuation, unifiedIdeograph, uppercase, variationSelector
  case whiteSpace, xidContinue, xidStart

  func contains(_ scalar: Unicode.Scalar) -> Bool {
    let properties = scalar.properties
    switch self {
    case .alphabetic: return properties.isAlphabetic
    case .asciiHexDigit: return properties.isASCIIHexDigit
    case .bidiControl: return properties.isBidiControl
    case .bidiMirrored: return properties.isBidiMirrored
    case .caseIgnorable: return properties.isCaseIgnorable
    case .cased: return properties.isCased
    case .changesWhenCasefolded: return properties.changesWhenCaseFolded
    case .changesWhenCasemapped: return properties.changesWhenCaseMapped
    case .changesWhenLowercased: return properties.changesWhenLowercased
    case .changesWhenNFKCCasefolded: return properties.changesWhenNFKCCaseFolded
    case .changesWhenTitlecased: return properties.changesWhenTitlecased
    case .changesWhenUppercased: return properties.changesWhenUppercased
    case .dash: return properties.isDash
    case .defaultIgnorableCodePoint: return properties.isDefaultIgnorableCodePoint
    case .deprecated: return properties.isDeprecated
    case .diacritic: return properties.isDiacritic
    case .emoji: return properties.isEmoji
    case .emojiModifier: return properties.isEmojiModifier
    case .emojiModifierBase: return properties.isEmojiModifierBase
    case .emojiPresentation: return properties.isEmojiPresentation
    case .extender: return properties.isExtender
    case .graphemeBase: return properties.isGraphemeBase
    case .graphemeExtend: return properties.isGraphemeExtend
    case .hexDigit: return properties.isHexDigit
    case .idsBinaryOperator: return properties.isIDSBinaryOperator
    case .idsTrinaryOperator: return properties.isIDSTrinaryOperator
    case .idContinue: return properties.isIDContinue
    case .idStart: return properties.isIDStart
    case .ideographic: return properties.isIdeographic
    case .joinControl: return properties.isJoinControl
    case .logicalOrderException: return properties.isLogicalOrderException
    case .lowercase: return properties.isLowercase
    case .math: return properties.isMath
    case .noncharacterCodePoint: return properties.isNoncharacterCodePoint
    case .patternSyntax: return properties.isPatternSyntax
    case .patternWhiteSpace: return properties.isPatternWhitespace
    case .quotationMark: return properties.isQuotationMark
    case .radical: return properties.isRadical
    case .sentenceTerminal: return properties.isSentenceTerminal
    case .softDotted: return properties.isSoftDotted
    case .terminalPunctuation: return properties.isTerminalPunctuation
    case .unifiedIdeograph: return properties.isUnifiedIdeograph
    case .uppercase: return properties.isUppercase
    case .variationSelector: return properties.isVariationSelector
    case .whiteSpace: return properties.isWhitespace
    case .xidContinue: return properties.isXIDContinue
    case .xidStart: return properties.isXIDStart
    }
  }
}

/// The property names and values ECMA-262 accepts in `\p{...}` (without the `v` flag), spelled
/// exactly as its tables spell them: General_Category values, binary properties, and
/// Script / Script_Extensions values.
enum UnicodeProperties {
  /// Resolves the text between the braces of `\p{...}`; nil if ECMA-262 does not allow it.
  static func matcher(for text: String) -> UnicodePropertyMatcher? {
    let parts = text.split(separator: "=", omittingEmptySubsequences: false)
    switch parts.count {
    case 1:
      if let mask = generalCategoryMasks[text] { return .generalCategories(mask) }
      return binaryProperty(named: text)
    case 2:
      let value = String(parts[1])
      switch parts[0] {
      case "General_Category", "gc":
        return generalCategoryMasks[value].map { .generalCategories($0) }
      case "Script", "sc":
        return scriptMatcher(value, extensions: false)
      case "Script_Extensions", "scx":
        return scriptMatcher(value, extensions: true)
      default:
        return nil
      }
    default:
      return nil
    }
  }

  static func bit(_ category: Unicode.GeneralCategory) -> UInt32 {
    switch category {
    case .uppercaseLetter: return 1 << 0
    case .lowercaseLetter: return 1 << 1
    case .titlecaseLetter: return 1 << 2
    case .modifierLetter: return 1 << 3
    case .otherLetter: return 1 << 4
    case .nonspacingMark: return 1 << 5
    case .spacingMark: return 1 << 6
    case .enclosingMark: return 1 << 7
    case .decimalNumber: return 1 << 8
    case .letterNumber: return 1 << 9
    case .otherNumber: return 1 << 10
    case .connectorPunctuation: return 1 << 11
    case .dashPunctuation: return 1 << 12
    case .openPunctuation: return 1 << 13
    case .closePunctuation: return 1 << 14
    case .initialPunctuation: return 1 << 15
    case .finalPunctuation: return 1 << 16
    case .otherPunctuation: return 1 << 17
    case .mathSymbol: return 1 << 18
    case .currencySymbol: return 1 << 19
    case .modifierSymbol: return 1 << 20
    case .otherSymbol: return 1 << 21
    case .spaceSeparator: return 1 << 22
    case .lineSeparator: return 1 << 23
    case .paragraphSeparator: return 1 << 24
    case .control: return 1 << 25
    case .format: return 1 << 26
    case .surrogate: return 1 << 27
    case .privateUse: return 1 << 28
    case .unassigned: return 1 << 29
    @unknown default: return 1 << 29
    }
  }

  private static let generalCategoryMasks: [String: UInt32] = {
    let lu = bit(.uppercaseLetter)
    let ll = bit(.lowercaseLetter)
    let lt = bit(.titlecaseLetter)
    let lm = bit(.modifierLetter)
    let lo = bit(.otherLetter)
    let mn = bit(.nonspacingMark)
    let mc = bit(.spacingMark)
    let me = bit(.enclosingMark)
    let nd = bit(.decimalNumber)
    let nl = bit(.letterNumber)
    let no = bit(.otherNumber)
    let pc = bit(.connectorPunctuation)
    let pd = bit(.dashPunctuation)
    let ps = bit(.openPunctuation)
    let pe = bit(.closePunctuation)
    let pi = bit(.initialPunctuation)
    let pf = bit(.finalPunctuation)
    let po = bit(.otherPunctuation)
    let sm = bit(.mathSymbol)
    let sc = bit(.currencySymbol)
    let sk = bit(.modifierSymbol)
    let so = bit(.otherSymbol)
    let zs = bit(.spaceSeparator)
    let zl = bit(.lineSeparator)
    let zp = bit(.paragraphSeparator)
    let cc = bit(.control)
    let cf = bit(.format)
    let cs = bit(.surrogate)
    let co = bit(.privateUse)
    let cn = bit(.unassigned)
    let entries: [([String], UInt32)] = [
      (["C", "Other"], cc | cf | cs | co | cn),
      (["Cc", "Control", "cntrl"], cc),
      (["Cf", "Format"], cf),
      (["Cn", "Unassigned"], cn),
      (["Co", "Private_Use"], co),
      (["Cs", "Surrogate"], cs),
      (["L", "Letter"], lu | ll | lt | lm | lo),
      (["LC", "Cased_Letter"], lu | ll | lt),
      (["Ll", "Lowercase_Letter"], ll),
      (["Lm", "Modifier_Letter"], lm),
      (["Lo", "Other_Letter"], lo),
      (["Lt", "Titlecase_Letter"], lt),
      (["Lu", "Uppercase_Letter"], lu),
      (["M", "Mark", "Combining_Mark"], mn | mc | me),
      (["Mc", "Spacing_Mark"], mc),
      (["Me", "Enclosing_Mark"], me),
      (["Mn", "Nonspacing_Mark"], mn),
      (["N", "Number"], nd | nl | no),
      (["Nd", "Decimal_Number", "digit"], nd),
      (["Nl", "Letter_Number"], nl),
      (["No", "Other_Number"], no),
      (["P", "Punctuation", "punct"], pc | pd | ps | pe | pi | pf | po),
      (["Pc", "Connector_Punctuation"], pc),
      (["Pd", "Dash_Punctuation"], pd),
      (["Pe", "Close_Punctuation"], pe),
      (["Pf", "Final_Punctuation"], pf),
      (["Pi", "Initial_Punctuation"], pi),
      (["Po", "Other_Punctuation"], po),
      (["Ps", "Open_Punctuation"], ps),
      (["S", "Symbol"], sm | sc | sk | so),
      (["Sc", "Currency_Symbol"], sc),
      (["Sk", "Modifier_Symbol"], sk),
      (["Sm", "Math_Symbol"], sm),
      (["So", "Other_Symbol"], so),
      (["Z", "Separator"], zs | zl | zp),
      (["Zl", "Line_Separator"], zl),
      (["Zp", "Paragraph_Separator"], zp),
      (["Zs", "Space_Separator"], zs),
    ]
    var masks: [String: UInt32] = [:]
    for (names, mask) in entries {
      for name in names { masks[name] = mask }
    }
    return masks
  }()

  private static func binaryProperty(named name: String) -> UnicodePropertyMatcher? {
    switch name {
    case "Any": return .any
    case "ASCII": return .ascii
    case "Assigned": return .assigned
    case "Regional_Indicator", "RI": return .ranges(ScalarRanges([0x1F1E6...0x1F1FF]))
    case "Emoji_Component", "EComp": return .ranges(emojiComponent)
    case "Extended_Pictographic", "ExtPict": return .ranges(extendedPictographic)
    default: return binaryProperties[name].map { .binary($0) }
    }
  }

  private static let binaryProperties: [String: BinaryUnicodeProperty] = {
    let entries: [([String], BinaryUnicodeProperty)] = [
      (["Alphabetic", "Alpha"], .alphabetic),
      (["ASCII_Hex_Digit", "AHex"], .asciiHexDigit),
      (["Bidi_Control", "Bidi_C"], .bidiControl),
      (["Bidi_Mirrored", "Bidi_M"], .bidiMirrored),
      (["Case_Ignorable", "CI"], .caseIgnorable),
      (["Cased"], .cased),
      (["Changes_When_Casefolded", "CWCF"], .changesWhenCasefolded),
      (["Changes_When_Casemapped", "CWCM"], .changesWhenCasemapped),
      (["Changes_When_Lowercased", "CWL"], .changesWhenLowercased),
      (["Changes_When_NFKC_Casefolded", "CWKCF"], .changesWhenNFKCCasefolded),
      (["Changes_When_Titlecased", "CWT"], .changesWhenTitlecased),
      (["Changes_When_Uppercased", "CWU"], .changesWhenUppercased),
      (["Dash"], .dash),
      (["Default_Ignorable_Code_Point", "DI"], .defaultIgnorableCodePoint),
      (["Deprecated", "Dep"], .deprecated),
      (["Diacritic", "Dia"], .diacritic),
      (["Emoji"], .emoji),
      (["Emoji_Modifier", "EMod"], .emojiModifier),
      (["Emoji_Modifier_Base", "EBase"], .emojiModifierBase),
      (["Emoji_Presentation", "EPres"], .emojiPresentation),
      (["Extender", "Ext"], .extender),
      (["Grapheme_Base", "Gr_Base"], .graphemeBase),
      (["Grapheme_Extend", "Gr_Ext"], .graphemeExtend),
      (["Hex_Digit", "Hex"], .hexDigit),
      (["IDS_Binary_Operator", "IDSB"], .idsBinaryOperator),
      (["IDS_Trinary_Operator", "IDST"], .idsTrinaryOperator),
      (["ID_Continue", "IDC"], .idContinue),
      (["ID_Start", "IDS"], .idStart),
      (["Ideographic", "Ideo"], .ideographic),
      (["Join_Control", "Join_C"], .joinControl),
      (["Logical_Order_Exception", "LOE"], .logicalOrderException),
      (["Lowercase", "Lower"], .lowercase),
      (["Math"], .math),
      (["Noncharacter_Code_Point", "NChar"], .noncharacterCodePoint),
      (["Pattern_Syntax", "Pat_Syn"], .patternSyntax),
      (["Pattern_White_Space", "Pat_WS"], .patternWhiteSpace),
      (["Quotation_Mark", "QMark"], .quotationMark),
      (["Radical"], .radical),
      (["Sentence_Terminal", "STerm"], .sentenceTerminal),
      (["Soft_Dotted", "SD"], .softDotted),
      (["Terminal_Punctuation", "Term"], .terminalPunctuation),
      (["Unified_Ideograph", "UIdeo"], .unifiedIdeograph),
      (["Uppercase", "Upper"], .uppercase),
      (["Variation_Selector", "VS"], .variationSelector),
      (["White_Space", "space"], .whiteSpace),
      (["XID_Continue", "XIDC"], .xidContinue),
      (["XID_Start", "XIDS"], .xidStart),
    ]
    var properties: [String: BinaryUnicodeProperty] = [:]
    for (names, property) in entries {
      for name in names { properties[name] = property }
    }
    return properties
  }()

  /// Emoji_Component (emoji-data.txt): `#`, `*`, digits, ZWJ, U+20E3, U+FE0F, regional
  /// indicators, skin tone modifiers, hair components and tag characters.
  private static let emojiComponent = ScalarRanges([
    0x23...0x23, 0x2A...0x2A, 0x30...0x39, 0x200D...0x200D, 0x20E3...0x20E3, 0xFE0F...0xFE0F,
    0x1F1E6...0x1F1FF, 0x1F3FB...0x1F3FF, 0x1F9B0...0x1F9B3, 0xE0020...0xE007F,
  ])

  /// Extended_Pictographic (emoji-data.txt, Unicode 17, the version of the standard library's
  /// other property data).
  private static let extendedPictographic = ScalarRanges([
    0xA9...0xA9, 0xAE...0xAE, 0x203C...0x203C, 0x2049...0x2049, 0x2122...0x2122, 0x2139...0x2139,
    0x2194...0x2199, 0x21A9...0x21AA, 0x231A...0x231B, 0x2328...0x2328, 0x23CF...0x23CF,
    0x23E9...0x23F3, 0x23F8...0x23FA, 0x24C2...0x24C2, 0x25AA...0x25AB, 0x25B6...0x25B6,
    0x25C0...0x25C0, 0x25FB...0x25FE, 0x2600...0x2604, 0x260E...0x260E, 0x2611...0x2611,
    0x2614...0x2615, 0x2618...0x2618, 0x261D...0x261D, 0x2620...0x2620, 0x2622...0x2623,
    0x2626...0x2626, 0x262A...0x262A, 0x262E...0x262F, 0x2638...0x263A, 0x2640...0x2640,
    0x2642...0x2642, 0x2648...0x2653, 0x265F...0x2660, 0x2663...0x2663, 0x2665...0x2666,
    0x2668...0x2668, 0x267B...0x267B, 0x267E...0x267F, 0x2692...0x2697, 0x2699...0x2699,
    0x269B...0x269C, 0x26A0...0x26A1, 0x26A7...0x26A7, 0x26AA...0x26AB, 0x26B0...0x26B1,
    0x26BD...0x26BE, 0x26C4...0x26C5, 0x26C8...0x26C8, 0x26CE...0x26CF, 0x26D1...0x26D1,
    0x26D3...0x26D4, 0x26E9...0x26EA, 0x26F0...0x26F5, 0x26F7...0x26FA, 0x26FD...0x26FD,
    0x2702...0x2702, 0x2705...0x2705, 0x2708...0x270D, 0x270F...0x270F, 0x2712...0x2712,
    0x2714...0x2714, 0x2716...0x2716, 0x271D...0x271D, 0x2721...0x2721, 0x2728...0x2728,
    0x2733...0x2734, 0x2744...0x2744, 0x2747...0x2747, 0x274C...0x274C, 0x274E...0x274E,
    0x2753...0x2755, 0x2757...0x2757, 0x2763...0x2764, 0x2795...0x2797, 0x27A1...0x27A1,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2934...0x2935, 0x2B05...0x2B07, 0x2B1B...0x2B1C,
    0x2B50...0x2B50, 0x2B55...0x2B55, 0x3030...0x3030, 0x303D...0x303D, 0x3297...0x3297,
    0x3299...0x3299, 0x1F004...0x1F004, 0x1F02C...0x1F02F, 0x1F094...0x1F09F, 0x1F0AF...0x1F0B0,
    0x1F0C0...0x1F0C0, 0x1F0CF...0x1F0D0, 0x1F0F6...0x1F0FF, 0x1F170...0x1F171, 0x1F17E...0x1F17F,
    0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F1AE...0x1F1E5, 0x1F201...0x1F20F, 0x1F21A...0x1F21A,
    0x1F22F...0x1F22F, 0x1F232...0x1F23A, 0x1F23C...0x1F23F, 0x1F249...0x1F25F, 0x1F266...0x1F321,
    0x1F324...0x1F393, 0x1F396...0x1F397, 0x1F399...0x1F39B, 0x1F39E...0x1F3F0, 0x1F3F3...0x1F3F5,
    0x1F3F7...0x1F3FA, 0x1F400...0x1F4FD, 0x1F4FF...0x1F53D, 0x1F549...0x1F54E, 0x1F550...0x1F567,
    0x1F56F...0x1F570, 0x1F573...0x1F57A, 0x1F587...0x1F587, 0x1F58A...0x1F58D, 0x1F590...0x1F590,
    0x1F595...0x1F596, 0x1F5A4...0x1F5A5, 0x1F5A8...0x1F5A8, 0x1F5B1...0x1F5B2, 0x1F5BC...0x1F5BC,
    0x1F5C2...0x1F5C4, 0x1F5D1...0x1F5D3, 0x1F5DC...0x1F5DE, 0x1F5E1...0x1F5E1, 0x1F5E3...0x1F5E3,
    0x1F5E8...0x1F5E8, 0x1F5EF...0x1F5EF, 0x1F5F3...0x1F5F3, 0x1F5FA...0x1F64F, 0x1F680...0x1F6C5,
    0x1F6CB...0x1F6D2, 0x1F6D5...0x1F6E5, 0x1F6E9...0x1F6E9, 0x1F6EB...0x1F6F0, 0x1F6F3...0x1F6FF,
    0x1F7DA...0x1F7FF, 0x1F80C...0x1F80F, 0x1F848...0x1F84F, 0x1F85A...0x1F85F, 0x1F888...0x1F88F,
    0x1F8AE...0x1F8AF, 0x1F8BC...0x1F8BF, 0x1F8C2...0x1F8CF, 0x1F8D9...0x1F8FF, 0x1F90C...0x1F93A,
    0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA58...0x1FA5F, 0x1FA6E...0x1FAFF, 0x1FC00...0x1FFFD,
  ])

  // MARK: - Scripts

  /// Every Script value alias ECMA-262 accepts (PropertyValueAliases.txt, Unicode 16, without
  /// Katakana_Or_Hiragana, which no code point has), mapped to its long name;
  /// each entry lists the short name, the long name, then any other aliases.
  private static let scriptNames: [String: String] = {
    let table = """
      Adlm Adlam;Aghb Caucasian_Albanian;Ahom Ahom;Arab Arabic;Armi Imperial_Aramaic;\
      Armn Armenian;Avst Avestan;Bali Balinese;Bamu Bamum;Bass Bassa_Vah;Batk Batak;\
      Beng Bengali;Bhks Bhaiksuki;Bopo Bopomofo;Brah Brahmi;Brai Braille;Bugi Buginese;\
      Buhd Buhid;Cakm Chakma;Cans Canadian_Aboriginal;Cari Carian;Cham Cham;Cher Cherokee;\
      Chrs Chorasmian;Copt Coptic Qaac;Cpmn Cypro_Minoan;Cprt Cypriot;Cyrl Cyrillic;\
      Deva Devanagari;Diak Dives_Akuru;Dogr Dogra;Dsrt Deseret;Dupl Duployan;\
      Egyp Egyptian_Hieroglyphs;Elba Elbasan;Elym Elymaic;Ethi Ethiopic;Gara Garay;\
      Geor Georgian;Glag Glagolitic;Gong Gunjala_Gondi;Gonm Masaram_Gondi;Goth Gothic;\
      Gran Grantha;Grek Greek;Gujr Gujarati;Gukh Gurung_Khema;Guru Gurmukhi;Hang Hangul;\
      Hani Han;Hano Hanunoo;Hatr Hatran;Hebr Hebrew;Hira Hiragana;Hluw Anatolian_Hieroglyphs;\
      Hmng Pahawh_Hmong;Hmnp Nyiakeng_Puachue_Hmong;\
      Hung Old_Hungarian;Ital Old_Italic;Java Javanese;Kali Kayah_Li;Kana Katakana;Kawi Kawi;\
      Khar Kharoshthi;Khmr Khmer;Khoj Khojki;Kits Khitan_Small_Script;Knda Kannada;\
      Krai Kirat_Rai;Kthi Kaithi;Lana Tai_Tham;Laoo Lao;Latn Latin;Lepc Lepcha;Limb Limbu;\
      Lina Linear_A;Linb Linear_B;Lisu Lisu;Lyci Lycian;Lydi Lydian;Mahj Mahajani;\
      Maka Makasar;Mand Mandaic;Mani Manichaean;Marc Marchen;Medf Medefaidrin;\
      Mend Mende_Kikakui;Merc Meroitic_Cursive;Mero Meroitic_Hieroglyphs;Mlym Malayalam;\
      Modi Modi;Mong Mongolian;Mroo Mro;Mtei Meetei_Mayek;Mult Multani;Mymr Myanmar;\
      Nagm Nag_Mundari;Nand Nandinagari;Narb Old_North_Arabian;Nbat Nabataean;Newa Newa;\
      Nkoo Nko;Nshu Nushu;Ogam Ogham;Olck Ol_Chiki;Onao Ol_Onal;Orkh Old_Turkic;Orya Oriya;\
      Osge Osage;Osma Osmanya;Ougr Old_Uyghur;Palm Palmyrene;Pauc Pau_Cin_Hau;\
      Perm Old_Permic;Phag Phags_Pa;Phli Inscriptional_Pahlavi;Phlp Psalter_Pahlavi;\
      Phnx Phoenician;Plrd Miao;Prti Inscriptional_Parthian;Rjng Rejang;Rohg Hanifi_Rohingya;\
      Runr Runic;Samr Samaritan;Sarb Old_South_Arabian;Saur Saurashtra;Sgnw SignWriting;\
      Shaw Shavian;Shrd Sharada;Sidd Siddham;Sind Khudawadi;Sinh Sinhala;Sogd Sogdian;\
      Sogo Old_Sogdian;Sora Sora_Sompeng;Soyo Soyombo;Sund Sundanese;Sunu Sunuwar;\
      Sylo Syloti_Nagri;Syrc Syriac;Tagb Tagbanwa;Takr Takri;Tale Tai_Le;Talu New_Tai_Lue;\
      Taml Tamil;Tang Tangut;Tavt Tai_Viet;Telu Telugu;Tfng Tifinagh;Tglg Tagalog;\
      Thaa Thaana;Thai Thai;Tibt Tibetan;Tirh Tirhuta;Tnsa Tangsa;Todr Todhri;Toto Toto;\
      Tutg Tulu_Tigalari;Ugar Ugaritic;Vaii Vai;Vith Vithkuqi;Wara Warang_Citi;Wcho Wancho;\
      Xpeo Old_Persian;Xsux Cuneiform;Yezi Yezidi;Yiii Yi;Zanb Zanabazar_Square;\
      Zinh Inherited Qaai;Zyyy Common;Zzzz Unknown
      """
    var longNames: [String: String] = [:]
    for entry in table.split(separator: ";") {
      let names = entry.split(separator: " ").map(String.init)
      for name in names { longNames[name] = names[1] }
    }
    return longNames
  }()

  private static func scriptMatcher(_ value: String, extensions: Bool) -> UnicodePropertyMatcher? {
    guard let longName = scriptNames[value] else { return nil }
    if longName == "Unknown" {
      // Scripts.txt gives every unassigned, private-use and surrogate code point, and only
      // those, the value Unknown (for Script_Extensions too).
      return .generalCategories(bit(.unassigned) | bit(.privateUse) | bit(.surrogate))
    }
    return .ranges(ScriptTables.shared.ranges(script: longName, extensions: extensions))
  }
}

/// Script and Script_Extensions membership, which the standard library does not expose
/// directly, computed once per script from Swift `Regex`'s Unicode data and memoized.
///
/// The cache is the one shared mutable state in the regex engine: it only ever grows, holds
/// immutable values and is guarded by a lock, so results do not depend on timing.
private final class ScriptTables: @unchecked Sendable {
  static let shared = ScriptTables()

  private let lock = NSLock()
  private var tables: [String: ScalarRanges] = [:]

  /// Every assigned code point that is not private use, in order: the only ones whose script
  /// is not Unknown.
  private static let candidates: String = {
    var scalars = String.UnicodeScalarView()
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      switch scalar.properties.generalCategory {
      case .unassigned, .privateUse, .surrogate: continue
      default: scalars.append(scalar)
      }
    }
    return String(scalars)
  }()

  func ranges(script longName: String, extensions: Bool) -> ScalarRanges {
    let key = (extensions ? "scx=" : "sc=") + longName
    lock.lock()
    defer { lock.unlock() }
    if let cached = tables[key] { return cached }
    var ranges: [ClosedRange<UInt32>] = []
    let property = extensions ? "Script_Extensions" : "Script"
    if let regex = try? Regex("\\p{\(property)=\(longName)}+").matchingSemantics(.unicodeScalar) {
      for match in Self.candidates.matches(of: regex) {
        for scalar in Self.candidates[match.range].unicodeScalars {
          if let last = ranges.last, last.upperBound + 1 == scalar.value {
            ranges[ranges.count - 1] = last.lowerBound...scalar.value
          } else {
            ranges.append(scalar.value...scalar.value)
          }
        }
      }
    }
    let table = ScalarRanges(ranges)
    tables[key] = table
    return table
  }
}
