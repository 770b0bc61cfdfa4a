import JSONCore

/// The item members the rules read from every item, each named once with its hash.
extension MemberName {
  static let attributes = MemberName("attributes")
  static let objectType = MemberName("objectType")
  static let customerID = MemberName("customerId")
  static let licensesActive = MemberName("licensesActive")
  static let licensesQualified = MemberName("licensesQualified")
  static let usagePercent = MemberName("usagePercent")
  static let processedDateTime = MemberName("processedDateTime")
}
