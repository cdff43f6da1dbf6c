// The trainer's report from a class table: a text table for the terminal, CSV for
// spreadsheets and one self-contained HTML page with SVG charts. Pure functions of the
// table (the command in report.cpp reads the folder and writes the files). No display.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "scoring/core/html.h"
#include "simulator/classroom/class_table.h"
#include "simulator/classroom/exercise.h"

namespace chatdrill::cli {

// One CSV field: always quoted, quotes doubled (RFC 4180), and a leading = + - @ TAB CR
// prefixed with ' so a spreadsheet never runs a trainee's text as a formula.
std::string csv_text(std::string_view text);
// UTF-8 with a byte order mark, CRLF lines, one row per trainee x scenario.
std::string render_csv(const classroom::ClassTable& table, char separator = ';');

// Escapes & < > " ' for text and attribute values (the one escaper, scoring/core/html.h).
using scoring::html_escape;
// What the page needs besides the table: its language and that language's UI strings
// (assets/strings/<language>.json, the app's tables, keys "report.*", "outcome.*", "dim.*"),
// the exercise when known (settings and weights), the scenarios' endings (labels and
// ratings) and the local time zone. load_report_context fills it; tests may set it by hand.
struct ReportEnding {
  std::string label;             // the scenario's own words for the ending; may be empty
  std::optional<double> rating;  // 0..100; none: scoring::default_outcome_rating
};
struct ReportContext {
  std::string language = "en";
  std::unordered_map<std::string, std::string> strings;
  std::optional<classroom::Exercise> exercise;
  std::map<std::string, std::map<std::string, ReportEnding>> endings;  // scenario id -> outcome -> ending
  // Seconds east of UTC at a given Unix time (the machine's zone in the command; 0 = UTC).
  std::function<long(std::int64_t)> utc_offset = [](std::int64_t) { return 0L; };

  std::string text(std::string_view key) const;  // the key itself when missing
  template <typename... Args>
  std::string format(std::string_view key, Args&&... args) const {
    try {
      return fmt::format(fmt::runtime(text(key)), std::forward<Args>(args)...);
    } catch (const fmt::format_error&) { return text(key); }
  }
};

// The language most of the class's results are in (their transcripts), else the exercise's
// scenarios', else "en".
std::string report_language(const classroom::ClassTable& table, const classroom::Exercise* exercise = nullptr);
// Reads one `chatdrill.strings/1` table; empty map when the file is missing or broken.
std::unordered_map<std::string, std::string> load_report_strings(const std::string& language);
// The context for `table`: language, strings, the exercise (if given) and the endings of the
// bundled (or the exercise's) scenarios; the machine's local time zone.
ReportContext load_report_context(const classroom::ClassTable& table,
                                  const std::optional<classroom::Exercise>& exercise = std::nullopt);

// A result time ("2026-12-01T09:00:00Z") in the page's language and local zone:
// "1.12.2026 klo 11.00" / "1 Dec 2026, 11:00"; the text as it is when it is not a time.
std::string local_time_text(const ReportContext& context, const std::string& iso);
// A chat that ended well: the ending's rating (the scenario's, else the outcome's default) is
// 75 or more, the band the page colours good.
bool good_outcome(const ReportContext& context, const classroom::SessionResult& result);
// Seconds from the customer's first message to the trainee's first reply; none without both.
std::optional<double> first_reply_seconds(const scoring::Transcript& transcript);

// The whole page, in the context's language: the exercise's settings and weights, a colour
// legend, the table, each trainee's resolution rate, first-reply time, strongest and weakest
// dimension, class averages, one histogram per measure, each trainee's transcripts
// (collapsed), skipped files; a print stylesheet for A4. No scripts, no external resources.
std::string render_html(const classroom::ClassTable& table, const ReportContext& context);
std::string render_html(const classroom::ClassTable& table);  // with load_report_context(table)

// The table for a terminal: trainees x scenarios (overall score, * = time_up), averages.
std::string render_text(const classroom::ClassTable& table);

}  // namespace chatdrill::cli
