// The foundation's one way to write a clock, a date, HTML text and a file name.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "scoring/core/file_name.h"
#include "scoring/core/html.h"
#include "scoring/core/timestamp.h"

using namespace chatdrill::scoring;

TEST_CASE("clock_text floors to whole seconds, as a chat clock shows them") {
  CHECK(clock_text(0) == "0:00");
  CHECK(clock_text(59.9) == "0:59");
  CHECK(clock_text(60) == "1:00");
  CHECK(clock_text(3599) == "59:59");
  CHECK(clock_text(3600) == "1:00:00");
  CHECK(clock_text(10800.4) == "3:00:00");
  CHECK(clock_text(86400 + 3 * 3600 + 4 * 60 + 5) == "1d 03:04:05");
  CHECK(clock_text(-5) == "0:00");
  CHECK(clock_text(std::nan("")) == "0:00");
  CHECK(clock_text(std::numeric_limits<double>::infinity()) == "0:00");
}

TEST_CASE("html_escape escapes the five characters that matter in text and attributes") {
  CHECK(html_escape("<b>\"Tom\" & 'Jerry'</b>") == "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
  CHECK(html_escape("Hyvää päivää") == "Hyvää päivää");
  CHECK(html_escape("") == "");
}

TEST_CASE("file_name_part transliterates Latin letters with ICU and keeps names short and safe") {
  CHECK(file_name_part("Ville Äijälä") == "ville-aijala");
  CHECK(file_name_part("Åsa Öhman-Šimić") == "asa-ohman-simic");
  CHECK(file_name_part("Straße") == "strasse");
  CHECK(file_name_part("Jørgen Łukasz") == "jorgen-lukasz");
  CHECK(file_name_part("Päivi 😀 Kärkkäinen") == "paivi-karkkainen");
  CHECK(file_name_part("😀") == "x");
  CHECK(file_name_part("", "trainee") == "trainee");
  CHECK(file_name_part("日本語", "trainee") == "trainee");
  CHECK(file_name_part("../../etc/passwd") == "etc-passwd");
  CHECK(file_name_part("bad\xff\xfe utf8") == "bad-utf8");
  CHECK(file_name_part(std::string(300, 'a')).size() == 40);
  CHECK(file_name_part(std::string(50, 's') + "ß").size() == 40);
  CHECK(file_name_part(std::string(39, 'a') + "ß") == std::string(39, 'a') + "s");
}

TEST_CASE("parse_timestamp does calendar arithmetic with std::chrono") {
  std::string why;
  auto t = parse_timestamp("2024-02-29 12:00", why);
  REQUIRE(t);
  CHECK(t->utc_seconds() == 1709208000.0);
  CHECK_FALSE(parse_timestamp("2023-02-29T12:00:00Z", why));
}

TEST_CASE("UTC timestamps of results read strictly and print with fmt's chrono formatting") {
  CHECK(format_utc_timestamp(0) == "1970-01-01T00:00:00Z");
  CHECK(format_utc_timestamp(1796115600) == "2026-12-01T09:00:00Z");
  CHECK(format_utc_timestamp(951782400) == "2000-02-29T00:00:00Z");
  CHECK(parse_utc_timestamp("2000-02-29T00:00:00Z") == 951782400);
  CHECK(parse_utc_timestamp("2026-12-01T11:00:00+02:00") == 1796115600);
  CHECK(parse_utc_timestamp("2026-12-01t08:30:00.9-00:30") == 1796115600);
  CHECK_FALSE(parse_utc_timestamp("2100-02-29T00:00:00Z"));  // not a leap year
  CHECK_FALSE(parse_utc_timestamp("2026-12-01T09:00Z"));     // seconds are required
  CHECK_FALSE(parse_utc_timestamp("2026-12-01T09:00:00."));
  CHECK_FALSE(parse_utc_timestamp("2026-12-01T09:00:00+0200"));
  CHECK_FALSE(parse_utc_timestamp("2026-12-01T09:00:00+24:00"));
}
