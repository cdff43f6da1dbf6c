// ISO-8601 timestamps in chat logs ("2026-03-04T09:15:02Z", "2026-03-04 09:15:02.5+02:00"):
// parsed into seconds on a common axis, so a transcript can carry a real export's times.
// Calendar arithmetic is std::chrono's (year_month_day, sys_days); no clock is read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chatdrill::scoring {

struct Timestamp {
  double local_seconds = 0;           // seconds since 1970-01-01 00:00 of the written wall clock
  std::optional<int> offset_minutes;  // +02:00 -> 120, Z -> 0; none when the text gives no zone
  // Seconds since 1970-01-01 00:00 UTC; a timestamp without a zone is read in `fallback_offset`.
  double utc_seconds(int fallback_offset_minutes = 0) const {
    return local_seconds - 60.0 * offset_minutes.value_or(fallback_offset_minutes);
  }
};

// Accepts `YYYY-MM-DD` then `T` or a space, `hh:mm[:ss[.fraction]]`, then optionally `Z`,
// `±hh:mm`, `±hhmm` or `±hh`. Nullopt with `error` saying what is wrong ("2026-02-30:
// February 2026 has 28 days").
std::optional<Timestamp> parse_timestamp(std::string_view text, std::string& error);

// The strict form results and exercises carry: "2026-12-01T09:00:00Z", seconds required,
// an optional fraction (dropped), then "Z" or "+hh:mm"/"-hh:mm" (a time without a zone is
// ambiguous across a classroom's machines). Whole seconds since the Unix epoch in UTC.
std::optional<std::int64_t> parse_utc_timestamp(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_utc_timestamp(std::int64_t unix_seconds);

// Readable length of time for notes: "45 s", "12 min", "3 h 20 min", "2 d 5 h" (Finnish:
// "2 vrk 5 h"). Below ten minutes it is always whole seconds, as chat notes always said.
std::string duration_text(double seconds, bool fi);

// The clock a chat shows: whole seconds, floored, as "m:ss"; "h:mm:ss" past an hour and
// "2d 03:04:05" past a day (an email thread). Negative or NaN seconds read "0:00".
std::string clock_text(double seconds);

}  // namespace chatdrill::scoring
