/// The name a mistyped one was most likely meant to be, for "did you mean" hints (as git and
/// cargo give them): the closest by edit distance (insertions, deletions, substitutions and
/// swaps of neighbours), if it is close enough to be a typo rather than another word.
enum NearestName {
  /// The name in `names` closest to `typed`, or nil when none is within a typo's distance:
  /// one edit for names up to 4 characters, two up to 8, three beyond.
  static func suggestion(for typed: String, among names: [String]) -> String? {
    let typed = Array(typed.lowercased())
    var best: (name: String, distance: Int)?
    for name in names {
      let distance = Self.distance(typed, Array(name.lowercased()))
      if distance < (best?.distance ?? Int.max) { best = (name, distance) }
    }
    guard let best else { return nil }
    let allowed = typed.count <= 4 ? 1 : typed.count <= 8 ? 2 : 3
    return best.distance <= allowed && best.distance > 0 ? best.name : nil
  }

  /// The start of a pointer to help: `did you mean 'validate'? See` when a name is close to
  /// `typed`, else `see`; the caller adds what to see.
  static func hint(for typed: String, among names: [String]) -> String {
    suggestion(for: typed, among: names).map { "did you mean '\($0)'? See" } ?? "see"
  }

  /// The optimal string alignment distance between `a` and `b`.
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previousPrevious[j - 2] + 1)
        }
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
  }
}
