// ISO-8601 timestamps and readable durations; see timestamp.h.
#include "timestamp.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace chatdrill::scoring {

namespace {

// Reads exactly `n` digits at `pos`.
std::optional<int> digits(std::string_view s, std::size_t& pos, int n) {
  if (pos + static_cast<std::size_t>(n) > s.size()) return std::nullopt;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(n);
  return v;
}

bool take(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) return ++pos, true;
  return false;
}

constexpr const char* k_month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view s, std::string& error) {
  using namespace std::chrono;
  const auto fail = [&](std::string why) -> std::optional<Timestamp> {
    error = std::move(why);
    return std::nullopt;
  };
  const std::string shown(s.substr(0, 64));
  const std::string shape = fmt::format("\"{}\" is not an ISO-8601 timestamp like 2026-03-04T09:15:02Z", shown);
  std::size_t pos = 0;
  const auto y = digits(s, pos, 4);
  if (!y || !take(s, pos, '-')) return fail(shape);
  const auto mo = digits(s, pos, 2);
  if (!mo || !take(s, pos, '-')) return fail(shape);
  const auto d = digits(s, pos, 2);
  if (!d) return fail(shape);
  if (pos == s.size()) return fail(fmt::format("\"{}\" has a date but no time of day (2026-03-04T09:15:02)", shown));
  if (!take(s, pos, 'T') && !take(s, pos, 't') && !take(s, pos, ' ')) return fail(shape);
  const auto h = digits(s, pos, 2);
  if (!h || !take(s, pos, ':')) return fail(shape);
  const auto mi = digits(s, pos, 2);
  if (!mi) return fail(shape);
  double sec = 0;
  if (take(s, pos, ':')) {
    const auto whole_sec = digits(s, pos, 2);
    if (!whole_sec) return fail(shape);
    sec = *whole_sec;
    if (take(s, pos, '.') || take(s, pos, ',')) {
      double scale = 0.1;
      const std::size_t start = pos;
      for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10) sec += (s[pos] - '0') * scale;
      if (pos == start) return fail(shape);
    }
  }
  Timestamp t;
  if (take(s, pos, 'Z') || take(s, pos, 'z')) {
    t.offset_minutes = 0;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos++] == '-' ? -1 : 1;
    const auto oh = digits(s, pos, 2);
    if (!oh) return fail(shape);
    int om = 0;
    take(s, pos, ':');
    if (pos < s.size()) {
      const auto m = digits(s, pos, 2);
      if (!m) return fail(shape);
      om = *m;
    }
    if (*oh > 14 || om > 59)
      return fail(fmt::format("\"{}\": the UTC offset is out of range (-14:00 to +14:00)", shown));
    t.offset_minutes = sign * (*oh * 60 + om);
  }
  if (pos != s.size()) return fail(shape);
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!date.month().ok()) return fail(fmt::format("\"{}\": there is no month {}", shown, *mo));
  if (!date.ok()) {
    const unsigned last = static_cast<unsigned>(year_month_day_last{date.year(), month_day_last{date.month()}}.day());
    return fail(fmt::format("\"{}\": {} {} has {} days", shown, k_month_names[*mo - 1], *y, last));
  }
  if (*h > 23 || *mi > 59 || sec >= 61)  // 60 s: a leap second
    return fail(fmt::format("\"{}\": the time of day is out of range (00:00:00 to 23:59:59)", shown));
  const auto days = sys_days{date}.time_since_epoch().count();
  t.local_seconds = static_cast<double>(days) * 86400.0 + *h * 3600.0 + *mi * 60.0 + sec;
  return t;
}

std::optional<std::int64_t> parse_utc_timestamp(std::string_view s) {
  using namespace std::chrono;
  // Plain ints, read in order: each read happens only if the ones before it succeeded.
  const auto read = [&s](std::size_t& pos, char before, int n, int& out) {
    if (before && !take(s, pos, before)) return false;
    const auto v = digits(s, pos, n);
    out = v.value_or(0);
    return v.has_value();
  };
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!read(pos, 0, 4, y) || !read(pos, '-', 2, mo) || !read(pos, '-', 2, d)) return std::nullopt;
  if (!take(s, pos, 'T') && !take(s, pos, 't') && !take(s, pos, ' ')) return std::nullopt;
  if (!read(pos, 0, 2, h) || !read(pos, ':', 2, mi) || !read(pos, ':', 2, sec)) return std::nullopt;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  if (take(s, pos, '.')) {  // fractions are dropped: results and start times are whole seconds
    const std::size_t first = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == first) return std::nullopt;
  }
  std::int64_t offset = 0;
  if (!take(s, pos, 'Z') && !take(s, pos, 'z')) {
    const std::int64_t sign = take(s, pos, '+') ? 1 : take(s, pos, '-') ? -1 : 0;
    int oh = 0, om = 0;
    if (!sign || !read(pos, 0, 2, oh) || !read(pos, ':', 2, om) || oh > 23 || om > 59) return std::nullopt;
    offset = sign * (std::int64_t{oh} * 3600 + std::int64_t{om} * 60);
  }
  if (pos != s.size()) return std::nullopt;
  const sys_seconds at = sys_days{date} + hours{h} + minutes{mi} + seconds{sec};
  return static_cast<std::int64_t>(at.time_since_epoch().count()) - offset;
}

std::string format_utc_timestamp(std::int64_t unix_seconds) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}});
}

std::string duration_text(double seconds, bool fi) {
  if (!std::isfinite(seconds) || seconds < 600) return fmt::format("{:.0f} s", seconds);
  const long long minutes = std::llround(seconds / 60);
  if (minutes < 60) return fmt::format("{} min", minutes);
  const long long hours = minutes / 60, rest = minutes % 60;
  if (hours < 48) return rest ? fmt::format("{} h {} min", hours, rest) : fmt::format("{} h", hours);
  const long long days = hours / 24, hours_rest = hours % 24;
  const char* d = fi ? "vrk" : "d";
  return hours_rest ? fmt::format("{} {} {} h", days, d, hours_rest) : fmt::format("{} {}", days, d);
}

std::string clock_text(double seconds) {
  // Up to about 30,000 years: beyond that a double's whole seconds are not worth showing.
  const double whole = std::isfinite(seconds) && seconds > 0 ? std::floor(std::min(seconds, 1e12)) : 0;
  const auto s = static_cast<long long>(whole);
  if (s < 3600) return fmt::format("{}:{:02}", s / 60, s % 60);
  if (s < 86400) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}d {:02}:{:02}:{:02}", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60);
}

}  // namespace chatdrill::scoring
