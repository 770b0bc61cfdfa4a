extension Array where Element == ClosedRange<UInt32> {
  /// Whether `value` falls in one of these ranges, which must be sorted and disjoint: a binary
  /// search, shared by the IDNA tables and the regex character classes.
  func sortedRangesContain(_ value: UInt32) -> Bool {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if self[middle].upperBound < value {
        low = middle + 1
      } else {
        high = middle
      }
    }
    return low < count && self[low].contains(value)
  }
}
