// A whole classroom, simulated: several trainees run the same timed exercise at once as real
// `chatdrill exercise` processes writing into one shared results folder (one is too slow and
// hits time_up, one joins late), then the trainer's `chatdrill report` is checked, and the HTML
// page is rendered in headless Chromium.
#include <sys/wait.h>
#include <unistd.h>

#include <map>

#include "helpers.h"

using namespace classroom_test;

namespace {

const char* k_exercise = R"({
  "$schema": "../../../../scenarios/schema/exercise.schema.json",
  "format": "chatdrill.exercise/1",
  "id": "class-test",
  "title": "Luokkaharjoitus <1>",
  "instructions": "Palvele kahta asiakasta.",
  "scenarios": [{"scenario": "scenarios/order-status-fi.json", "time_limit": 90}, "scenarios/gift-card-fi.json"],
  "order": "fixed",
  "seed": 5,
  "time_limit": 300,
  "total_time_limit": 900,
  "start_at": "2026-12-01T09:00:00Z",
  "feedback": "after_each",
  "results": "shared/results"
})";

struct Trainee {
  std::string name, now;
  std::map<std::string, std::string> replies;  // scenario id -> JSON lines
};

std::vector<Trainee> trainees() {
  return {
      {"Aino Äijälä",
       "2026-12-01T08:55:00Z",
       {{"order-status-fi",
         "{\"at\": 10, \"text\": \"Hei! Tarkistan asian heti.\"}\n"
         "{\"at\": 30, \"text\": \"Tilaus on matkalla ja tulee huomenna. Kiitos odotuksesta!\"}\n"},
        {"gift-card-fi", "{\"at\": 8, \"text\": \"Hei! Kyllä, myymme lahjakortteja.\"}\n"}}},
      // Too slow: keeps stalling, so the 90 s limit ends the first scenario.
      {"Ville",
       "2026-12-01T08:59:00Z",
       {{"order-status-fi",
         "{\"at\": 20, \"text\": \"Hetkinen.\"}\n{\"at\": 60, \"text\": \"Hetki vielä.\"}\n"
         "{\"at\": 100, \"text\": \"Nyt se löytyi.\"}\n"},
        {"gift-card-fi", "{\"at\": 15, \"text\": \"Kyllä myymme.\"}\n"}}},
      {"<script>alert(1)</script> Öhman",
       "2026-12-01T09:00:00Z",
       {{"order-status-fi",
         "{\"at\": 12, \"text\": \"Tarkistan.\"}\n{\"at\": 40, \"text\": \"Se on matkalla <b>nyt</b>.\"}\n"},
        {"gift-card-fi", "{\"at\": 9, \"text\": \"Kyllä.\"}\n"}}},
      // Joins 14 minutes late: only one minute of the exercise's 15 is left.
      {"Liisa",
       "2026-12-01T09:14:00Z",
       {{"order-status-fi", "{\"at\": 10, \"text\": \"Tarkistan.\"}\n{\"at\": 30, \"text\": \"Se on matkalla.\"}\n"},
        {"gift-card-fi", "{\"at\": 8, \"text\": \"Kyllä.\"}\n"}}},
  };
}

std::string set_up_class(const std::string& dir) {
  fs::create_directories(fs::path(dir) / "scenarios");
  for (const char* s : {"order-status-fi.json", "gift-card-fi.json"})
    fs::copy_file(fs::path(CHATDRILL_TEST_DATA) / "data" / s, fs::path(dir) / "scenarios" / s);
  write_text((fs::path(dir) / "exercise.json").string(), k_exercise);
  for (const auto& t : trainees())
    for (const auto& [id, lines] : t.replies)
      write_text(
          (fs::path(dir) / "replies" / chatdrill::classroom::sanitize_name_part(t.name) / (id + ".jsonl")).string(),
          lines);
  return (fs::path(dir) / "exercise.json").string();
}

// Starts one trainee's `chatdrill exercise` process; its output goes to <dir>/<name>.out.
pid_t start_trainee(const std::string& exercise, const std::string& dir, const Trainee& t) {
  const std::string safe = chatdrill::classroom::sanitize_name_part(t.name);
  const std::string replies = (fs::path(dir) / "replies" / safe).string();
  const std::string out = (fs::path(dir) / (safe + ".out")).string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen(out.c_str(), "w", stdout);
    std::freopen((out + ".err").c_str(), "w", stderr);
    ::execl(CHATDRILL_BINARY, CHATDRILL_BINARY, "exercise", exercise.c_str(), "--trainee", t.name.c_str(),
            "--replies-dir", replies.c_str(), "--now", t.now.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// CSV rows (after the header) split into fields; fields here hold no separators or newlines.
std::vector<std::vector<std::string>> csv_rows(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::size_t at = csv.find("\r\n") + 2;
  while (at < csv.size()) {
    const std::size_t end = csv.find("\r\n", at);
    const std::string line = csv.substr(at, end - at);
    std::vector<std::string> fields;
    for (std::size_t a = 0, b; a <= line.size(); a = b + 1) {
      b = line.find(';', a);
      if (b == std::string::npos) b = line.size();
      std::string f = line.substr(a, b - a);
      if (f.size() >= 2 && f.front() == '"') f = f.substr(1, f.size() - 2);
      fields.push_back(f);
    }
    rows.push_back(fields);
    at = end + 2;
  }
  return rows;
}

}  // namespace

TEST_CASE("a classroom of four runs a timed exercise at once and the trainer gets the report") {
  const std::string dir = scratch("classroom-run");
  const std::string exercise = set_up_class(dir);
  std::vector<pid_t> pids;
  for (const auto& t : trainees()) pids.push_back(start_trainee(exercise, dir, t));
  for (pid_t pid : pids) {
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  const std::string aino_out = read_text((fs::path(dir) / "aino-aijala.out").string());
  INFO(aino_out);
  CHECK(aino_out.find("waiting for the start at 2026-12-01T09:00:00Z") != std::string::npos);
  CHECK(aino_out.find("order-status-fi: resolved, overall ") != std::string::npos);  // feedback after each
  CHECK(read_text((fs::path(dir) / "ville.out").string()).find("order-status-fi: time_up") != std::string::npos);
  CHECK(read_text((fs::path(dir) / "script-alert-1-script-ohman.out.err").string()).find("no replies for") ==
        std::string::npos);

  const std::string results = (fs::path(dir) / "shared" / "results").string();
  CHECK(chatdrill::classroom::list_result_files(results).size() == 8);
  CHECK(chatdrill::classroom::list_live_journals(results).empty());  // every session finished

  const std::string csv = (fs::path(dir) / "report.csv").string(), html = (fs::path(dir) / "report.html").string();
  const auto report =
      run_chatdrill(fmt::format("report {} --csv {} --html {}", quote(results), quote(csv), quote(html)), dir);
  INFO(report.err);
  REQUIRE(report.status == 0);
  const auto rows = csv_rows(read_text(csv));
  REQUIRE(rows.size() == 8);
  std::map<std::string, std::vector<std::string>> by_key;  // "trainee/scenario" -> row
  for (const auto& r : rows) {
    REQUIRE(r.size() == 18);  // 6 fields, overall and the six dimensions, attempts, times, host, file
    by_key[r[0] + "/" + r[2]] = r;
  }
  const auto& ville = by_key.at("Ville/order-status-fi");
  CHECK(ville[5] == "time_up");
  CHECK(ville[14] == "2026-12-01T09:00:00Z");
  CHECK(ville[15] == "2026-12-01T09:01:30Z");                            // the 90 s limit
  CHECK(by_key.at("Ville/gift-card-fi")[14] == "2026-12-01T09:01:30Z");  // the next scenario starts at once
  CHECK(by_key.at("Aino Äijälä/order-status-fi")[5] == "resolved");
  CHECK(by_key.at("Aino Äijälä/order-status-fi")[14] == "2026-12-01T09:00:00Z");  // waited for start_at
  CHECK(by_key.at("Aino Äijälä/gift-card-fi")[4] == "2");
  CHECK(by_key.at("Liisa/order-status-fi")[14] == "2026-12-01T09:14:00Z");
  CHECK(by_key.at("Liisa/gift-card-fi")[5] == "resolved");
  CHECK(by_key.count("<script>alert(1)</script> Öhman/gift-card-fi") == 1);
  for (const auto& [key, r] : by_key) {
    CHECK(r[1] == "Luokkaharjoitus <1>");
    for (int m = 6; m <= 10; ++m)
      CHECK((std::stoi(r[static_cast<std::size_t>(m)]) >= 0 && std::stoi(r[static_cast<std::size_t>(m)]) <= 100));
  }
  const std::string page = read_text(html);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt; Öhman") != std::string::npos);
  CHECK(page.find("Se on matkalla &lt;b&gt;nyt&lt;/b&gt;.") != std::string::npos);
  CHECK(page.find("<title>Luokkaharjoitus &lt;1&gt;</title>") != std::string::npos);
  CHECK(page.find("timeup") != std::string::npos);
}

TEST_CASE("the HTML report renders in headless Chromium") {
  const char* candidates[] = {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"};
  std::string chromium;
  for (const char* c : candidates)
    if (::access(c, X_OK) == 0) {
      chromium = c;
      break;
    }
  if (chromium.empty()) {
    MESSAGE("SKIPPED: chromium is not installed (apt-get install chromium); the HTML was not rendered");
    return;
  }
  const std::string dir = scratch("classroom-chromium");
  const std::string results = (fs::path(dir) / "results").string();
  const char* names[] = {"Aino Äijälä", "Ville", "<script>alert(1)</script>", "Åsa Öhman", "Pekka", "Sirpa"};
  const char* scenarios[] = {"order-status-fi", "gift-card-fi", "bounced-customer-fi"};
  int k = 0;
  for (const char* n : names)
    for (int s = 0; s < 3; ++s, ++k) {
      auto r = make_result(n, scenarios[s], 35 + (k * 37) % 65, k % 5 == 0 ? "time_up" : "resolved");
      r.position = s;
      const auto stem = chatdrill::classroom::result_file_stem(n, scenarios[s], chatdrill::classroom::this_writer());
      REQUIRE(chatdrill::classroom::write_result(chatdrill::classroom::result_paths(results, stem).result, r).empty());
    }
  const std::string html = (fs::path(dir) / "report.html").string();
  REQUIRE(run_chatdrill(fmt::format("report {} --html {}", quote(results), quote(html)), dir).status == 0);
  const std::string png = (fs::path(CHATDRILL_TEST_TMP) / "report-screenshot.png").string();
  fs::remove(png);
  const std::string profile = (fs::path(dir) / "profile").string();
  const std::string cmd = fmt::format(
      "timeout 120 {} --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
      "--disable-component-update --disable-sync --user-data-dir={} --screenshot={} --window-size=1280,900 "
      "'file://{}' >{}/chromium.log 2>&1",
      chromium, quote(profile), quote(png), html, quote(dir));
  CHECK(std::system(cmd.c_str()) == 0);
  const std::string image = read_text(png);
  INFO(read_text((fs::path(dir) / "chromium.log").string()));
  REQUIRE(image.size() > 20000);  // a blank 1280x900 page compresses to a few KB
  CHECK(image.substr(0, 8) == "\x89PNG\r\n\x1a\n");
  const auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(image[at]) << 24) | (static_cast<unsigned char>(image[at + 1]) << 16) |
           (static_cast<unsigned char>(image[at + 2]) << 8) | static_cast<unsigned char>(image[at + 3]);
  };
  CHECK(be32(16) == 1280);
  CHECK(be32(20) == 900);
  // Printed, the page is A4 (the print stylesheet's @page), every page the same size.
  const std::string pdf = (fs::path(CHATDRILL_TEST_TMP) / "report-print.pdf").string();
  fs::remove(pdf);
  const std::string print = fmt::format(
      "timeout 120 {} --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
      "--disable-component-update --disable-sync --user-data-dir={} --no-pdf-header-footer --print-to-pdf={} "
      "'file://{}' >{}/chromium-print.log 2>&1",
      chromium, quote(profile), quote(pdf), html, quote(dir));
  CHECK(std::system(print.c_str()) == 0);
  const std::string document = read_text(pdf);
  REQUIRE(document.substr(0, 5) == "%PDF-");
  std::size_t pages = 0;
  for (std::size_t at = 0; (at = document.find("/MediaBox [", at)) != std::string::npos; ++at) {
    ++pages;
    CHECK(document.compare(at, 30, "/MediaBox [0 0 594.95996 841.9") == 0);  // 210 x 297 mm in points
  }
  CHECK(pages >= 1);
}
