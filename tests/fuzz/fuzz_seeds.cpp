// Builds the fuzzers' seed corpora from the files bundled in the repository, at build time:
// `fuzz_seeds CORPUS_DIR SOURCE_DIR`. Nothing is stored in the repo twice: scenarios,
// lexicons, exercises and golden transcripts are copied as they are, result files and
// journals are written from the golden transcripts by the real writers.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "scoring/core/paths.h"
#include "scoring/grade.h"
#include "scoring/transcript.h"
#include "simulator/classroom/results.h"
#include "simulator/engine/journal.h"

namespace fs = std::filesystem;
using namespace chatdrill;

namespace {

void copy_all(const fs::path& from, const fs::path& to, const char* ext, bool recursive) {
  std::error_code ec;
  fs::create_directories(to, ec);
  auto take = [&](const fs::directory_entry& e) {
    if (!e.is_regular_file() || e.path().extension() != ext) return;
    fs::copy_file(e.path(), to / (e.path().parent_path().filename().string() + "-" + e.path().filename().string()),
                  fs::copy_options::overwrite_existing, ec);
  };
  if (!fs::is_directory(from, ec)) return;
  if (recursive)
    for (const auto& e : fs::recursive_directory_iterator(from, ec)) take(e);
  else
    for (const auto& e : fs::directory_iterator(from, ec)) take(e);
}

std::vector<scoring::Transcript> golden_transcripts(const fs::path& src) {
  std::vector<scoring::Transcript> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(src / "tests/scoring/golden", ec)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".json" || name.find(".expected.") != std::string::npos) continue;
    if (auto load = scoring::load_transcript(e.path().string()); load.transcript) out.push_back(*load.transcript);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fputs("usage: fuzz_seeds CORPUS_DIR SOURCE_DIR\n", stderr);
    return 2;
  }
  const fs::path corpus(argv[1]), src(argv[2]);
  for (const char* dir : {"scenarios", "scoring/lexicons", "assets/strings", "tests"})
    copy_all(src / dir, corpus / "json", ".json", true);
  copy_all(src / "scenarios", corpus / "scenario", ".json", false);
  copy_all(src / "tests/classroom/data", corpus / "scenario", ".json", false);
  copy_all(src / "scenarios/exercises", corpus / "exercise", ".json", false);
  copy_all(src / "tests/scoring/golden", corpus / "transcript", ".json", false);
  fs::create_directories(corpus / "results");
  fs::create_directories(corpus / "journal");
  int n = 0;
  scoring::Grader grader(scoring::data_root());
  for (const auto& t : golden_transcripts(src)) {
    classroom::SessionResult r;
    r.trainee = "Seed Trainee";
    r.exercise_id = "seed";
    r.exercise_title = "Seed exercise";
    r.scenario_id = t.scenario.empty() ? "seed-scenario" : t.scenario;
    r.scenario_title = "Seed";
    r.started_at = "2026-01-01T09:00:00Z";
    r.ended_at = "2026-01-01T09:05:00Z";
    r.app_version = "seed";
    r.host = "seed-host";
    r.transcript = t;
    r.grade = scoring::grade_transcript(t, {}, grader);
    const std::string name = "seed-" + std::to_string(n++);
    if (auto err = classroom::write_result((corpus / "results" / (name + ".json")).string(), r); !err.empty()) {
      std::fprintf(stderr, "fuzz_seeds: %s\n", err.c_str());
      return 1;
    }
    std::string error;
    auto journal = engine::Journal::create((corpus / "journal" / (name + ".journal")).string(), t, r.trainee, error);
    if (!journal) {
      std::fprintf(stderr, "fuzz_seeds: %s\n", error.c_str());
      return 1;
    }
    for (const auto& m : t.messages) (void)journal->append(m);
    if (n % 2) (void)journal->finish(t.outcome.empty() ? "resolved" : t.outcome);  // half are cut off
  }
  std::printf("fuzz_seeds: corpora in %s\n", corpus.string().c_str());
  return 0;
}
