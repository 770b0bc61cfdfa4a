/// Counted nouns in messages: `1 customer`, `2 customers`, `1 HAR entry`, `3 HAR entries`.
public enum Plural {
  /// `count` and `noun`, the noun in the plural unless `count` is 1; the last word of a
  /// several-word noun takes the ending (`error finding` → `error findings`).
  public static func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(count == 1 ? noun : plural(noun))"
  }

  /// The English plural of `noun`'s last word: `entry` → `entries`, `status` → `statuses`,
  /// `info` → `infos`, `call` → `calls`.
  public static func plural(_ noun: String) -> String {
    let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
    if noun.hasSuffix("y"), let before = noun.dropLast().last, !vowels.contains(before) {
      return noun.dropLast() + "ies"
    }
    if ["s", "x", "ch", "sh"].contains(where: { noun.hasSuffix($0) }) { return noun + "es" }
    return noun + "s"
  }
}
