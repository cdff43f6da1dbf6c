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
  CHECK(html.find("Ohitetut tiedostot") != std::string::npos);  // the results are Finnish
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

// ---------------------------------------------------------------------------------------
// The page in the exercise's language (issue 15, part 8)

namespace {

// Aino: order status resolved (first reply after 12 s, 90), gift card customer_left (first
// reply after 30 s, 70); Ville: order status time_up (40). In `language` ("fi" or "en").
std::string known_class(const std::string& name, const std::string& language) {
  const std::string dir = scratch(name);
  auto a1 = make_result("Aino Äijälä", "order-status-" + language, 90);
  auto a2 = make_result("Aino Äijälä", "gift-card-" + language, 70, "customer_left");
  a2.position = 1;
  a2.transcript.messages[1].at = 30;
  auto v1 = make_result("Ville", "order-status-" + language, 40, "time_up");
  for (auto* r : {&a1, &a2, &v1}) r->transcript.language = language;
  put(dir, a1);
  put(dir, a2);
  put(dir, v1);
  return dir;
}

classroom::Exercise known_exercise() {
  classroom::Exercise e;
  e.id = "week-2";
  e.title = "Viikko 2";
  e.scenarios = {{"order-status", "/nowhere/order-status.json", std::nullopt},
                 {"gift-card", "/nowhere/gift-card.json", 90.0}};
  e.time_limit = 300;
  e.total_time_limit = 1800;
  e.feedback = classroom::FeedbackPolicy::at_end;
  e.seed = 4242;
  e.weights = scoring::Weights{1, 1, 2, 1, 1, 0};
  return e;
}

cli::ReportContext context_for(const classroom::ClassTable& table, long utc_offset) {
  auto context = cli::load_report_context(table, known_exercise());
  context.utc_offset = [utc_offset](std::int64_t) { return utc_offset; };
  return context;
}

bool has(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("the report's strings exist in Finnish and in English alike") {
  const auto fi = cli::load_report_strings("fi"), en = cli::load_report_strings("en");
  REQUIRE(fi.size() > 100);
  CHECK(fi.size() == en.size());
  for (const auto& [key, text] : fi) CHECK_MESSAGE(en.count(key), key);
  for (const auto& [key, text] : en) CHECK_MESSAGE(fi.count(key), key);
}

TEST_CASE("class means are rounded by one function, halves away from zero") {
  CHECK(classroom::score_text(82.5) == "83");  // "%.0f" (the dashboard's old way) gives 82
  CHECK(classroom::score_text(64.4) == "64");
  CHECK(classroom::score_text(64.6) == "65");
  CHECK(classroom::score_text(0.5) == "1");
  CHECK(classroom::score_text(100) == "100");
  const std::string dir = scratch("report-rounding");
  put(dir, make_result("Aino", "order-status-fi", 80));
  put(dir, make_result("Ville", "order-status-fi", 85));
  classroom::ClassTable table;
  table.refresh(dir);
  REQUIRE(table.stats()[0].mean == doctest::Approx(82.5));
  const std::string html = cli::render_html(table, context_for(table, 0));
  CHECK(has(html, "<tr><th class=\"name\">Luokan keskiarvo</th><th>83</th><th>83</th></tr>"));
  CHECK(has(cli::render_text(table), "class mean"));
  CHECK(has(cli::render_text(table), " 83"));
}

TEST_CASE("a Finnish class gets a Finnish page: labels, dimension names, local dates, no raw ids") {
  classroom::ClassTable table;
  table.refresh(known_class("report-fi", "fi"));
  const auto context = context_for(table, 2 * 3600);  // Finland in winter
  CHECK(context.language == "fi");
  const std::string html = cli::render_html(table, context);
  CHECK(has(html, "<html lang=\"fi\">"));
  // Outcome labels and dimension names, never their ids.
  CHECK(has(html, "Ratkaistu"));
  CHECK(has(html, "Asiakas poistui"));
  CHECK(has(html, "Aika loppui"));
  CHECK(has(html, "Tarkentavat kysymykset"));
  CHECK(has(html, "Kokonaisarvio"));
  for (const char* raw : {"customer_left", "clarifying", ">resolved", "time_up", "ended_by_trainee", "politeness",
                          "engagement", "overall"})
    CHECK_MESSAGE(!has(html, raw), raw);
  // No English left over.
  for (const char* english : {"Trainee", "Class mean", "Mean", "Skipped", "Transcripts", "done, mean", "Measure"})
    CHECK_MESSAGE(!has(html, english), english);
  // Dates and times in local Finnish form, not ISO.
  CHECK_FALSE(has(html, "2026-12-01T"));
  CHECK(has(html, "Suoritettu 1.12.2026 klo 11.00–11.05"));
  // The exercise's settings and weights.
  CHECK(has(html, "Harjoituksen asetukset"));
  CHECK(has(html, "<td class=\"text\">Viikko 2</td>"));
  CHECK(has(html, "<th class=\"name\">Aikaraja tehtävää kohti</th><td class=\"text\">5 min</td>"));
  CHECK(has(html, "gift-card: 90 s"));
  CHECK(has(html, "<td class=\"text\">30 min</td>"));
  CHECK(has(html, "<td class=\"text\">lopuksi</td>"));
  CHECK(has(html, "<th class=\"name\">Siemenluku</th><td class=\"text\">4242</td>"));
  CHECK(has(html, "Arvioinnin painot"));
  CHECK(has(html, "<td class=\"name\">Tarkentavat kysymykset</td><td>2</td><td>33 %</td>"));
  CHECK(has(html, "<td class=\"name\">Kirjoitusasu</td><td>0</td><td>0 %</td>"));
  // The colour legend, which the charts follow too: Aino's 70 is fair, so the 70-79 bar of
  // the overall scores is drawn fair (her 75 in engagement is good, 70 in speed is fair).
  CHECK(has(html, "Värien selitys"));
  CHECK(has(html, "fill=\"#d9a400\"><title>70-74: 1</title>"));
  CHECK(has(html, "<span class=\"sw good\"></span>75–100 pistettä: hyvä"));
  CHECK(has(html, "<span class=\"sw poor\"></span>0–49 pistettä: heikko"));
  // Resolution rate, mean first reply and the strengths line per trainee.
  CHECK(has(html,
            "<td class=\"name\">Aino Äijälä</td><td>2/2</td><td>50 %</td><td>21 s</td>"
            "<td class=\"text\">Vahvin: Nopeus 80 · heikoin: Kirjoitusasu 55</td>"));
  CHECK(has(html,
            "<td class=\"name\">Ville</td><td>1/2</td><td>0 %</td><td>12 s</td>"
            "<td class=\"text\">Vahvin: Nopeus 40 · heikoin: Kirjoitusasu 15</td>"));
  // Prints on A4 without ink-wasting backgrounds or split rows.
  const auto print = html.find("@media print{");
  REQUIRE(print != std::string::npos);
  const std::string css = html.substr(print, html.find("</style>") - print);
  CHECK(has(css, "size:A4"));
  CHECK(has(css, "body{background:none"));
  CHECK(has(css, "td.good,td.ok,td.poor,.sw.good,.sw.ok,.sw.poor{background:none}"));
  CHECK(has(css, "tr,.session,svg.chart{break-inside:avoid;page-break-inside:avoid}"));
  // Still one self-contained page.
  CHECK_FALSE(has(html, "<script"));
  CHECK_FALSE(has(html, "https://"));
}

TEST_CASE("an English class gets an English page with the same figures") {
  classroom::ClassTable table;
  table.refresh(known_class("report-en", "en"));
  auto context = context_for(table, 0);
  CHECK(context.language == "en");
  const std::string html = cli::render_html(table, context);
  CHECK(has(html, "<html lang=\"en\">"));
  CHECK(has(html, "Resolved"));
  CHECK(has(html, "Customer left"));
  CHECK(has(html, "Time ran out"));
  CHECK(has(html, "Clarifying questions"));
  for (const char* raw : {"customer_left", "clarifying", ">resolved", "time_up"}) CHECK_MESSAGE(!has(html, raw), raw);
  for (const char* finnish : {"Harjoittelija", "Keskiarvo", "Ratkaistu", "klo", "pistettä"})
    CHECK_MESSAGE(!has(html, finnish), finnish);
  CHECK_FALSE(has(html, "2026-12-01T"));
  CHECK(has(html, "Done 1 Dec 2026, 09:00–09:05"));
  CHECK(has(html, "Exercise settings"));
  CHECK(has(html, "<th class=\"name\">Feedback to trainees</th><td class=\"text\">at the end</td>"));
  CHECK(has(html, "<th class=\"name\">Seed</th><td class=\"text\">4242</td>"));
  CHECK(has(html, "<td class=\"name\">Clarifying questions</td><td>2</td><td>33%</td>"));
  CHECK(has(html, "Colour legend"));
  CHECK(has(html, "<span class=\"sw ok\"></span>50–74 points: fair"));
  CHECK(has(html,
            "<td class=\"name\">Aino Äijälä</td><td>2/2</td><td>50%</td><td>21 s</td>"
            "<td class=\"text\">Strongest: Speed 80 · weakest: Writing 55</td>"));
  CHECK(has(html, "<td class=\"name\">Ville</td><td>1/2</td><td>0%</td><td>12 s</td>"));
  CHECK(has(html, "@media print{"));
  // Without an exercise there are no settings, and the page says nothing about weights.
  context.exercise.reset();
  const std::string bare = cli::render_html(table, context);
  CHECK_FALSE(has(bare, "Exercise settings"));
  CHECK_FALSE(has(bare, "Rubric weights"));
  CHECK(has(bare, "<h1>Testiharjoitus</h1>"));
}

TEST_CASE("report times read in the local zone, across a day boundary and in both languages") {
  cli::ReportContext fi;
  fi.language = "fi";
  fi.utc_offset = [](std::int64_t) { return 3 * 3600L; };
  CHECK(cli::local_time_text(fi, "2026-06-30T22:15:00Z") == "1.7.2026 klo 1.15");
  cli::ReportContext en;
  CHECK(cli::local_time_text(en, "2024-02-29T23:59:59Z") == "29 Feb 2024, 23:59");
  CHECK(cli::local_time_text(en, "not a time") == "not a time");
}

TEST_CASE("chatdrill report --exercise adds the settings and names outcomes by the scenario's endings") {
  const std::string dir = scratch("report-exercise");
  auto r = make_result("Aino", "bounced-customer-fi", 88);
  auto lost = make_result("Ville", "bounced-customer-fi", 20, "lost");
  put(dir, r);
  put(dir, lost);
  const std::string out = scratch("report-exercise-out");
  const std::string exercise = (fs::path(out) / "exercise.json").string();  // not in the results folder
  write_text(exercise, R"({
  "format": "chatdrill.exercise/1",
  "title": "Laskutusviikko",
  "scenarios": ["bounced-customer-fi"],
  "time_limit": 600,
  "feedback": "never",
  "seed": 77,
  "weights": {"speed": 1, "politeness": 1, "clarifying": 3, "engagement": 1, "resolution": 3, "writing": 1}
}
)");
  const std::string html = (fs::path(out) / "r.html").string();
  const auto run =
      run_chatdrill(fmt::format("report {} --exercise {} --html {}", quote(dir), quote(exercise), quote(html)), out);
  REQUIRE(run.status == 0);
  const std::string page = read_text(html);
  CHECK(has(page, "<h1>Laskutusviikko</h1>"));
  CHECK_FALSE(has(page, "Ohitetut tiedostot"));
  CHECK(has(page, "<td class=\"text\">10 min</td>"));
  CHECK(has(page, "ei koskaan (vain kouluttaja näkee pisteet)"));
  CHECK(has(page, "<th class=\"name\">Siemenluku</th><td class=\"text\">77</td>"));
  CHECK(has(page, "<td class=\"name\">Tarkentavat kysymykset</td><td>3</td><td>30 %</td>"));
  CHECK(has(page, "Asia hoidettiin tässä ja nyt"));  // the ending's own label, not "Ratkaistu"
  CHECK(has(page, "Asiakas luovutti"));
  CHECK(has(page, "<td class=\"name\">Aino</td><td>1/1</td><td>100 %</td>"));
  CHECK(has(page, "<td class=\"name\">Ville</td><td>1/1</td><td>0 %</td>"));
  CHECK(run_chatdrill(fmt::format("report {} --exercise {}", quote(dir), quote(dir + "/nope.json")), out).status == 2);
}
