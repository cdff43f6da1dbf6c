// The class table and the trainer's report: what lands in the table, that refreshing only
// reads new files, CSV that spreadsheets open correctly, HTML that never runs trainee text.
#include "simulator/cli/report.h"

#include "helpers.h"
#include "simulator/classroom/class_table.h"

using namespace chatdrill;
using namespace classroom_test;

namespace {

void put(const std::string& dir, const classroom::SessionResult& r) {
  const auto stem = classroom::result_file_stem(r.trainee, r.scenario_id, classroom::this_writer());
  REQUIRE(classroom::write_result(classroom::result_paths(dir, stem).result, r).empty());
}

// A folder with two trainees and two scenarios; Ville ran out of time on one.
std::string small_class(const std::string& name) {
  const std::string dir = scratch(name);
  auto a1 = make_result("Aino Äijälä", "order-status-fi", 90);
  auto a2 = make_result("Aino Äijälä", "gift-card-fi", 70);
  a2.position = 1;
  auto v1 = make_result("Ville", "order-status-fi", 40, "time_up");
  put(dir, a1);
  put(dir, a2);
  put(dir, v1);
  return dir;
}

}  // namespace

TEST_CASE("the class table holds trainees x scenarios, averages and distributions") {
  classroom::ClassTable table;
  CHECK(table.refresh(small_class("table-basic")));
  REQUIRE(table.trainees().size() == 2);
  REQUIRE(table.scenarios().size() == 2);
  CHECK(table.scenarios()[0].id == "order-status-fi");  // play position 0 first
  CHECK(table.scenarios()[1].id == "gift-card-fi");
  const auto& aino = table.trainees()[0];
  CHECK(aino.name == "Aino Äijälä");
  CHECK(aino.done == 2);
  CHECK(aino.mean_overall == doctest::Approx(80));
  const auto& ville = table.trainees()[1];
  CHECK(ville.cells[1].latest == nullptr);
  REQUIRE(ville.cells[0].latest);
  CHECK(ville.cells[0].latest->result.outcome() == "time_up");
  CHECK(ville.time_up == 1);
  const auto& overall = table.stats()[0];
  CHECK(overall.count == 3);
  CHECK(overall.mean == doctest::Approx((90 + 70 + 40) / 3.0));
  CHECK(overall.histogram[9] == 1);
  CHECK(overall.histogram[7] == 1);
  CHECK(overall.histogram[4] == 1);
  CHECK(table.stats()[1].mean == doctest::Approx(overall.mean));  // make_result: speed = overall
  CHECK(table.stats()[4].mean == doctest::Approx(overall.mean - 15));
  CHECK(table.scenarios()[0].mean_overall == doctest::Approx(65));
  CHECK(table.exercise_title() == "Testiharjoitus");
}

TEST_CASE("refreshing the table parses only new and changed files") {
  const std::string dir = small_class("table-incremental");
  classroom::ClassTable table;
  table.refresh(dir);
  CHECK(table.parses() == 3);
  CHECK_FALSE(table.refresh(dir));
  CHECK(table.parses() == 3);
  auto gift = make_result("Ville", "gift-card-fi", 55);
  gift.position = 1;
  put(dir, gift);
  CHECK(table.refresh(dir));
  CHECK(table.parses() == 4);
  CHECK(table.result_count() == 4);
  CHECK(table.trainees()[1].cells[1].latest != nullptr);
  // A retry of the same scenario: the later one counts, attempts are counted.
  auto retry = make_result("Ville", "order-status-fi", 77);
  retry.ended_at = "2026-12-01T10:00:00Z";
  put(dir, retry);
  write_text((fs::path(dir) / "junk.json").string(), "{oops");
  CHECK(table.refresh(dir));
  CHECK(table.parses() == 6);
  CHECK(table.trainees()[1].cells[0].attempts == 2);
  CHECK(table.trainees()[1].cells[0].latest->result.grade.overall == 77);
  CHECK(table.skipped().size() == 1);
  fs::remove(fs::path(dir) / "junk.json");
  CHECK(table.refresh(dir));
  CHECK(table.skipped().empty());
  CHECK(table.parses() == 6);
}

TEST_CASE("CSV: BOM, quoted text, doubled quotes, formula guard, Finnish letters intact") {
  CHECK(cli::csv_text("Äijälä") == "\"Äijälä\"");
  CHECK(cli::csv_text("say \"hi\"; ok") == "\"say \"\"hi\"\"; ok\"");
  CHECK(cli::csv_text("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(cli::csv_text("+358 40") == "\"'+358 40\"");
  CHECK(cli::csv_text("-1") == "\"'-1\"");
  CHECK(cli::csv_text("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(cli::csv_text("a\nb") == "\"a\nb\"");
  CHECK(cli::csv_text("") == "\"\"");

  const std::string dir = scratch("csv");
  put(dir, make_result("=cmd|' /C calc'!A0", "gift-card-fi", 64.6));
  put(dir, make_result("Åsa \"Ässä\" Öhman; Jr.", "gift-card-fi", 88));
  classroom::ClassTable table;
  table.refresh(dir);
  const std::string csv = cli::render_csv(table, ';');
  REQUIRE(csv.size() > 3);
  CHECK(csv.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(csv.find("\"trainee\";\"exercise\";\"scenario\"") == 3);
  CHECK(csv.find("\"Åsa \"\"Ässä\"\" Öhman; Jr.\";\"Testiharjoitus\";\"gift-card-fi\"") != std::string::npos);
  CHECK(csv.find("\"'=cmd|' /C calc'!A0\"") != std::string::npos);
  CHECK(csv.find(";65;") != std::string::npos);  // scores are whole numbers, unquoted
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = csv.find("\r\n", at)) != std::string::npos; at += 2) ++lines;
  CHECK(lines == 3);
  CHECK(cli::render_csv(table, ',').find("\"trainee\",\"exercise\"") == 3);
}

TEST_CASE("HTML escapes trainee and customer text and loads nothing from elsewhere") {
  const std::string dir = scratch("html-escape");
  auto r = make_result("<script>alert('x')</script>", "gift-card-fi", 50);
  r.transcript.messages.push_back({"customer", "message", 20, "<img src=x onerror=alert(1)> & \"quotes\"", {}});
  put(dir, r);
  write_text((fs::path(dir) / "<b>evil.json").string(), "nope");
  classroom::ClassTable table;
  table.refresh(dir);
  const std::string html = cli::render_html(table);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>evil") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;") != std::string::npos);
  CHECK(html.find("&lt;b&gt;evil.json") != std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("Skipped files") != std::string::npos);
}

TEST_CASE("chatdrill report prints the table, writes CSV and HTML, and names skipped files") {
  const std::string dir = small_class("report-command");
  write_text((fs::path(dir) / "foreign.json").string(), "{\"format\": \"something/else\"}");
  const std::string out = scratch("report-command-out");
  const auto printed = run_chatdrill("report " + quote(dir), out);
  CHECK(printed.status == 0);
  CHECK(printed.out.find("Aino Äijälä") != std::string::npos);
  CHECK(printed.out.find("40*") != std::string::npos);  // Ville's time_up
  CHECK(printed.err.find("foreign.json:1:12: format: not a chatdrill result") != std::string::npos);
  const std::string csv = (fs::path(out) / "r.csv").string(), html = (fs::path(out) / "r.html").string();
  const auto files =
      run_chatdrill(fmt::format("report {} --csv {} --html {}", quote(dir), quote(csv), quote(html)), out);
  CHECK(files.status == 0);
  CHECK(read_text(csv).find("\"Ville\"") != std::string::npos);
  CHECK(read_text(html).find("Aino Äijälä") != std::string::npos);
  CHECK(run_chatdrill("report", out).status == 2);
  CHECK(run_chatdrill("report --bogus x", out).status == 2);
  CHECK(run_chatdrill("report " + quote(dir + "/missing"), out).status == 1);
}
