// Dates: the article's date and the times of stances.
// DateStage sets Document::date: Article::published when given, else inferred from the text
// (an explicit full date, a weekday or relative expression anchored to one), else left unknown
// (never invented). ResolveTime reads a time expression in a span of text ("Thursday",
// "last week", "on June 9", "in January", "in 2016") against an anchor date.
// Thread safety: immutable; one instance serves all threads.
#ifndef WHIPCOUNT_DATE_DATER_H_
#define WHIPCOUNT_DATE_DATER_H_

#include <optional>
#include <string_view>

#include "whipcount/stage.h"

namespace whipcount::date {

class DateStage : public Stage {
 public:
  std::string_view Name() const override { return "date"; }
  uint32_t Requires() const override { return kFieldArticle | kFieldText | kFieldSentences; }
  uint32_t Assigns() const override { return kFieldDate; }
  Status Process(Document& doc) const override;
};

// The date a time expression in `text` refers to, given that the text was written on `anchor`.
// Returns the first expression found, nullopt when there is none. Weekdays without "next" or
// "last" refer to the nearest such day within the week around the anchor: the past for past-tense
// clauses is the caller's to decide, so `prefer_past` chooses the earlier one when ambiguous.
std::optional<Date> ResolveTime(std::string_view text, Date anchor, bool prefer_past);

// True when `word`, as written, is the capitalised full name of a month or a weekday ("June",
// "Monday"; not "may" or "Jan.").
bool IsCalendarName(std::string_view word);
// True for the capitalised full name of a weekday ("Friday").
bool IsWeekdayName(std::string_view word);

}  // namespace whipcount::date

#endif  // WHIPCOUNT_DATE_DATER_H_
