// Classroom scale: generates 1,000 trainees x 10 sessions of result files (real graded
// transcripts, Finnish text), then times the class table load the trainer dashboard does,
// an incremental refresh, and the `chatdrill report` command writing CSV and HTML.
// Targets: report < 2 s, dashboard load < 1 s, on one core. Prints figures; asserts nothing.
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scoring/core/paths.h"
#include "scoring/grade.h"
#include "simulator/classroom/class_table.h"
#include "simulator/classroom/results.h"
#include "simulator/cli/report.h"

namespace {

namespace fs = std::filesystem;
using namespace chatdrill;
using Clock = std::chrono::steady_clock;
int k_indent = -1;  // compact, as write_result writes them

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU seconds (user + system) of this process, or of its finished children: the figure that
// a shared, busy machine disturbs least.
double cpu_seconds(int who) {
  rusage u{};
  ::getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A chat of `turns` exchanges, varied by `k`, graded for real.
classroom::SessionResult sample_session(int k, int turns) {
  static const char* customer[] = {"Hei, tilaukseni on myöhässä. Missä se on?",
                                   "Laskussani on virhe, veloititte kahdesti.", "Haluan irtisanoa lehtitilaukseni.",
                                   "Paketti tuli rikki, mitä nyt?"};
  static const char* trainee[] = {"Hei! Kiitos yhteydenotosta, tarkistan asian heti. Mikä on tilausnumeronne?",
                                  "Pahoittelen tilannetta. Voisitteko kertoa laskun numeron?",
                                  "Ymmärrän. Saisinko kysyä, mikä on syy irtisanomiseen?",
                                  "Selvä, hoidan tämän nyt. Onko muuta, missä voin auttaa?"};
  classroom::SessionResult r;
  r.transcript.language = "fi";
  r.transcript.scenario = fmt::format("scenario-{}", k % 10);
  r.transcript.outcome = k % 7 == 0 ? "time_up" : k % 5 == 0 ? "customer_left" : "resolved";
  double at = 0;
  for (int t = 0; t < turns; ++t) {
    r.transcript.messages.push_back({"customer", "message", at, customer[(k + t) % 4], {}});
    at += 5 + (k * 7 + t * 13) % 70;
    r.transcript.messages.push_back({"trainee", "message", at, trainee[(k + 2 * t) % 4], {}});
    at += 3;
  }
  static scoring::Grader grader(scoring::data_root());  // one for the bench's one thread
  r.grade = grader.grade(r.transcript);
  return r;
}

std::string generate(const std::string& dir, int trainees, int sessions) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<classroom::SessionResult> pool;
  for (int k = 0; k < 60; ++k) pool.push_back(sample_session(k, 4 + k % 6));
  const char* first[] = {"Aino", "Ville", "Liisa", "Jukka", "Sirpa", "Pekka", "Åsa", "Mikko", "Elina", "Tiina"};
  const char* last[] = {"Äijälä", "Virtanen", "Öhman", "Korhonen", "Mäkinen", "Nieminen", "Järvinen", "Heikkinen"};
  for (int t = 0; t < trainees; ++t) {
    const std::string name = fmt::format("{} {} {}", first[t % 10], last[t / 10 % 8], t);
    for (int s = 0; s < sessions; ++s) {
      classroom::SessionResult r = pool[static_cast<std::size_t>((t * 31 + s * 17) % 60)];
      r.trainee = name;
      r.exercise_id = "bench";
      r.exercise_title = "Suorituskykytesti";
      r.scenario_id = fmt::format("scenario-{}", s);
      r.scenario_title = fmt::format("Tilanne {}", s + 1);
      r.position = s;
      r.started_at = fmt::format("2026-12-01T09:{:02}:00Z", s * 5);
      r.ended_at = fmt::format("2026-12-01T09:{:02}:00Z", s * 5 + 4);
      r.app_version = "bench";
      r.host = fmt::format("pc-{:02}", t % 30);
      classroom::WriterIdentity w{r.host, 1000 + t, static_cast<std::uint64_t>(t * 100 + s)};
      // Plain writes: generating is not what is measured (write_result fsyncs every file).
      std::ofstream(classroom::result_paths(dir, classroom::result_file_stem(name, r.scenario_id, w)).result)
          << classroom::result_to_json(r).dump(k_indent) << "\n";
    }
  }
  return dir;
}

std::uintmax_t folder_bytes(const std::string& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file() ? e.file_size() : 0;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  int trainees = 1000, sessions = 10;
  std::string dir = (fs::temp_directory_path() / "chatdrill-classroom-bench").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--trainees") trainees = std::atoi(argv[i + 1]);
    else if (a == "--sessions") sessions = std::atoi(argv[i + 1]);
    else if (a == "--dir") dir = argv[i + 1];
    else if (a == "--indent") k_indent = std::atoi(argv[i + 1]);
  }
  auto t0 = Clock::now();
  generate(dir, trainees, sessions);
  std::printf("generated %d trainees x %d sessions = %d result files, %.1f MB, in %.2f s (%s)\n", trainees, sessions,
              trainees * sessions, static_cast<double>(folder_bytes(dir)) / 1e6, seconds_since(t0), dir.c_str());

  std::printf("%-52s %8s %8s   target\n", "", "wall s", "cpu s");
  classroom::ClassTable table(classroom::ResultDetail::summary);  // as the dashboard reads it
  t0 = Clock::now();
  double c0 = cpu_seconds(RUSAGE_SELF);
  table.refresh(dir);
  const double load = seconds_since(t0), load_cpu = cpu_seconds(RUSAGE_SELF) - c0;
  std::printf("%-52s %8.3f %8.3f   < 1 s  %s\n", "dashboard model load (ClassTable::refresh, cold)", load, load_cpu,
              load_cpu < 1 ? "ok" : "SLOW");
  t0 = Clock::now();
  c0 = cpu_seconds(RUSAGE_SELF);
  table.refresh(dir);
  std::printf("%-52s %8.3f %8.3f\n", "dashboard refresh, nothing changed", seconds_since(t0),
              cpu_seconds(RUSAGE_SELF) - c0);
  classroom::ClassTable report_table;  // as `chatdrill report` reads it: with the chats for the HTML
  t0 = Clock::now();
  c0 = cpu_seconds(RUSAGE_SELF);
  report_table.refresh(dir);
  std::printf("%-52s %8.3f %8.3f\n", "report model load (with transcripts, cold)", seconds_since(t0),
              cpu_seconds(RUSAGE_SELF) - c0);
  t0 = Clock::now();
  c0 = cpu_seconds(RUSAGE_SELF);
  const std::string csv = cli::render_csv(report_table), html = cli::render_html(report_table);
  std::printf("%-52s %8.3f %8.3f\n",
              fmt::format("render CSV ({:.1f} MB) + HTML ({:.1f} MB) in process", static_cast<double>(csv.size()) / 1e6,
                          static_cast<double>(html.size()) / 1e6)
                  .c_str(),
              seconds_since(t0), cpu_seconds(RUSAGE_SELF) - c0);

  const std::string out = dir + "-out";
  fs::create_directories(out);
  const std::string cmd = fmt::format("'{}' report '{}' --csv '{}/report.csv' --html '{}/report.html' 2>/dev/null",
                                      CHATDRILL_BINARY, dir, out, out);
  t0 = Clock::now();
  c0 = cpu_seconds(RUSAGE_CHILDREN);
  const int rc = std::system(cmd.c_str());
  const double report = seconds_since(t0), report_cpu = cpu_seconds(RUSAGE_CHILDREN) - c0;
  std::printf("%-52s %8.3f %8.3f   < 2 s  %s (exit %d)\n", "chatdrill report --csv --html (whole process)", report,
              report_cpu, report_cpu < 2 ? "ok" : "SLOW", rc);
  std::printf("(cpu = user + system time; wall time also counts waiting for the other programs on this machine)\n");
  std::printf("table: %zu trainees x %zu scenarios, %zu results, class mean %.1f\n", table.trainees().size(),
              table.scenarios().size(), table.result_count(), table.stats()[0].mean);
  return rc == 0 ? 0 : 1;
}
