// Date: a calendar day (proleptic Gregorian), possibly unknown. Used for article dates, stance
// times and knowledge-base validity ranges. Thread safety: a plain value.
#ifndef WHIPCOUNT_DATE_H_
#define WHIPCOUNT_DATE_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace whipcount {

struct Date {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31

  bool valid() const;
  // "YYYY-MM-DD".
  std::string ToString() const;
  // Parses "YYYY-MM-DD" (also accepts a trailing "T..." time part). nullopt when malformed or not a
  // real calendar day.
  static std::optional<Date> Parse(std::string_view s);
  // Days since 1970-01-01; REQUIRES: valid().
  int ToDays() const;
  static Date FromDays(int days);
  // 0 = Monday ... 6 = Sunday. REQUIRES: valid().
  int Weekday() const;
  Date AddDays(int n) const { return FromDays(ToDays() + n); }

  auto operator<=>(const Date&) const = default;
};

}  // namespace whipcount

#endif  // WHIPCOUNT_DATE_H_
