import JSONSchemaValidation
import Testing

/// Every invalid date-time message says why.
@Suite struct RFC3339ExplanationTests {
  @Test(arguments: [
    ("2017-02-29T00:00:00Z", "February has 28 days in 2017"),
    ("2016-02-30T00:00:00Z", "February has 29 days in 2016"),
    ("1900-02-29T00:00:00Z", "February has 28 days in 1900"),
    ("2017-04-31T00:00:00Z", "April has 30 days in 2017"),
    ("2017-13-01T00:00:00Z", "month 13 does not exist"),
    ("2017-03-09T24:00:00Z", "hour 24 does not exist (midnight is 00:00:00 of the next day)"),
    ("2017-03-09T00:60:00Z", "minute 60 does not exist"),
    ("2017-03-09T00:00:00", "it has no offset: add Z (UTC) or one such as +00:00"),
    ("2017-03-09T00:00:00+0100", "the offset needs a colon: +hh:mm, not +hhmm"),
    ("2017-03-09T00:00:00.Z", "a decimal point needs digits after it"),
    ("2017-03-09 00:00:00Z", "the date and the time must be separated by T, not ' '"),
    ("2017-03-09T12:59:60Z", "a leap second can only be 23:59:60 in UTC"),
    ("17-03-09", "expected YYYY-MM-DDThh:mm:ss followed by Z or an offset such as +00:00"),
  ])
  func invalidDateTimesSayWhy(text: String, reason: String) {
    #expect(RFC3339Explanation.dateTimeProblem(text) == reason)
  }

  @Test(arguments: [
    "2017-03-09T00:00:00Z", "2016-12-31T23:59:60Z", "2017-01-01T00:59:60+01:00",
    "2017-03-09t00:00:00.123z", "2016-02-29T00:00:00-08:00",
  ])
  func validDateTimesHaveNoProblem(text: String) {
    #expect(RFC3339Explanation.dateTimeProblem(text) == nil)
  }

  @Test func theLeapSecondListIsTheIERSOne() {
    #expect(RFC3339Explanation.hadLeapSecond(year: 2016, month: 12, day: 31))
    #expect(RFC3339Explanation.hadLeapSecond(year: 1972, month: 6, day: 30))
    #expect(!RFC3339Explanation.hadLeapSecond(year: 2017, month: 12, day: 31))
    #expect(!RFC3339Explanation.hadLeapSecond(year: 1980, month: 12, day: 31))
  }
}
