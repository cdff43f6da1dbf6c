// Interrupted journals to results or resumed chats; see recovery.h.
#include "recovery.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "session_record.h"
#include "simulator/engine/journal.h"
#include "simulator/engine/scenario.h"

namespace chatdrill::classroom {

namespace fs = std::filesystem;

bool journal_abandoned(const std::string& path, std::string_view writer, std::int64_t wall_now) {
  const auto host = sanitize_name_part(this_writer().host, "host") + "-";
  if (writer.starts_with(host)) {  // this machine: abandoned unless its process still runs
    const long pid = std::strtol(std::string(writer.substr(host.size())).c_str(), nullptr, 10);
    return pid <= 0 || pid == static_cast<long>(::getpid()) ||
           (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH);
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  return static_cast<double>(wall_now - static_cast<std::int64_t>(st.st_mtime)) >= k_foreign_journal_idle_seconds;
}

std::optional<RecoveredResult> save_recovered_journal(const std::string& journal, const std::string& out,
                                                      const RecoverySetup& setup, scoring::Grader& grader,
                                                      std::string& error) {
  auto load = engine::recover_journal(journal);
  if (!load.transcript) {
    error = load.diagnostics.empty() ? journal : load.diagnostics.front().to_string();
    return std::nullopt;
  }
  RecoveredResult rec;
  auto& r = rec.result;
  r.transcript = std::move(*load.transcript);
  if (r.transcript.outcome.empty()) r.transcript.outcome = "interrupted";
  r.scenario_id = r.transcript.scenario;
  rec.scenario = setup.scenario ? setup.scenario : setup.find_scenario ? setup.find_scenario(r.scenario_id) : nullptr;
  r.scenario_title = rec.scenario ? rec.scenario->title : r.scenario_id;
  r.trainee = setup.trainee;
  r.ended_at = scoring::format_utc_timestamp(setup.wall_now);
  r.app_version = CHATDRILL_VERSION;
  r.host = this_writer().host;
  scoring::Rubric rubric = rec.scenario ? rec.scenario->rubric : scoring::Rubric{};
  if (setup.adjust) setup.adjust(r, rubric);
  if (auto err = grade_result(r, rubric, grader); !err.empty()) {  // broken language data: the journal stays
    error = err;
    return std::nullopt;
  }
  if (auto err = write_result(out, r); !err.empty()) {
    error = err;  // the journal stays: nothing the trainee wrote is lost
    return std::nullopt;
  }
  std::error_code ec;
  fs::remove(journal, ec);
  return rec;
}

namespace {

using Scenarios = std::vector<std::shared_ptr<const engine::Scenario>>;

// This trainee's earlier results in this exercise, one per place in the order (the last).
std::vector<SessionResult> earlier_results(const Exercise& exercise, const Scenarios& scenarios,
                                           const std::vector<std::size_t>& order, const std::string& trainee) {
  std::vector<SessionResult> done;
  const auto prefix = sanitize_name_part(trainee, "trainee") + "_";
  for (const auto& file : list_result_files(exercise.results_dir)) {
    if (!fs::path(file).filename().string().starts_with(prefix)) continue;
    auto load = load_result(file);
    if (!load.result) continue;
    auto& r = *load.result;
    const auto p = static_cast<std::size_t>(r.position);
    if (r.trainee != trainee || r.exercise_id != exercise.id || r.position < 0 || p >= order.size() ||
        scenarios[order[p]]->id != r.scenario_id)
      continue;
    auto same = std::find_if(done.begin(), done.end(), [&](const auto& d) { return d.position == r.position; });
    if (same == done.end()) done.push_back(std::move(r));
    else if (same->ended_at < r.ended_at) *same = std::move(r);
  }
  std::sort(done.begin(), done.end(), [](const auto& a, const auto& b) { return a.position < b.position; });
  return done;
}

// The place in the order a journal belongs to: its scenario, trainee and seed must match,
// and the place must be open.
std::optional<std::size_t> journal_position(const Exercise& exercise, const Scenarios& scenarios,
                                            const std::vector<std::size_t>& order, const std::string& trainee,
                                            const ExerciseProgress& so_far, const scoring::Transcript& t) {
  const auto who = t.extra.is_object() ? t.extra.find("trainee") : t.extra.end();
  if (who == t.extra.end() || !who->is_string() || *who != trainee || t.seed != exercise.seed) return std::nullopt;
  for (std::size_t p = 0; p < order.size(); ++p) {
    const bool taken =
        std::any_of(so_far.done.begin(), so_far.done.end(),
                    [&](const auto& d) { return d.position == static_cast<int>(p); }) ||
        std::any_of(so_far.journals.begin(), so_far.journals.end(), [&](const auto& j) { return j.position == p; });
    if (!taken && scenarios[order[p]]->id == t.scenario) return p;
  }
  return std::nullopt;
}

}  // namespace

ExerciseProgress find_exercise_progress(const Exercise& exercise, const Scenarios& scenarios,
                                        const std::vector<std::size_t>& order, const std::string& trainee,
                                        std::int64_t wall_now) {
  ExerciseProgress out;
  out.done = earlier_results(exercise, scenarios, order, trainee);
  const auto trainee_part = sanitize_name_part(trainee, "trainee") + "_";
  for (const auto& path : list_live_journals(exercise.results_dir)) {
    const auto stem = fs::path(path).stem().string();
    for (const auto& scenario : scenarios) {
      const auto prefix = trainee_part + sanitize_name_part(scenario->id, "scenario") + "_";
      if (!stem.starts_with(prefix) || !journal_abandoned(path, std::string_view(stem).substr(prefix.size()), wall_now))
        continue;
      auto load = engine::recover_journal(path);
      if (!load.transcript) break;
      if (auto p = journal_position(exercise, scenarios, order, trainee, out, *load.transcript))
        out.journals.push_back(InterruptedChat{path, *p, std::move(*load.transcript)});
      break;
    }
  }
  std::sort(out.journals.begin(), out.journals.end(),
            [](const auto& a, const auto& b) { return a.position < b.position; });
  return out;
}

}  // namespace chatdrill::classroom
