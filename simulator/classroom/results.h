// Session results (`chatdrill.result/1`): one file per trainee session (who, which exercise
// and scenario, when, transcript and grade), written atomically into a results folder that
// many machines share, plus the loader that reads such a folder back without ever failing
// on a stray file. UI-free; wall times arrive as strings, the engine never reads a clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"
#include "scoring/grade.h"
#include "scoring/transcript.h"

namespace chatdrill::classroom {

inline constexpr const char* k_result_format = "chatdrill.result/1";

struct SessionResult {
  std::string trainee;
  std::string exercise_id, exercise_title;  // empty when the session was not part of an exercise
  std::string scenario_id, scenario_title;
  int position = 0;                  // 0-based place in the trainee's play order
  std::string started_at, ended_at;  // ISO 8601 UTC wall times, as given by the caller
  std::string app_version;
  std::string host;                // the machine that wrote it
  scoring::Transcript transcript;  // transcript.outcome is the session's outcome
  scoring::Grade grade;

  const std::string& outcome() const { return transcript.outcome; }
};

// What makes a file name unique across a classroom: the machine, the process and a random
// number drawn per session.
struct WriterIdentity {
  std::string host;
  long pid = 0;
  std::uint64_t nonce = 0;
};
// This machine's host name and process id, and a fresh nonce from std::random_device.
WriterIdentity this_writer();

// A file-name-safe form of a trainee name or id: ASCII letters, digits and '-', Finnish and
// other Latin letters transliterated (ä -> a), at most 40 characters, never empty
// (scoring::file_name_part: ICU's Latin-ASCII).
std::string sanitize_name_part(std::string_view text, std::string_view fallback = "x");
// "<trainee>_<scenario>_<host>-<pid>-<nonce hex>" (no extension).
std::string result_file_stem(std::string_view trainee, std::string_view scenario, const WriterIdentity& writer);

struct ResultPaths {
  std::string result;   // <dir>/<stem>.json
  std::string journal;  // <dir>/live/<stem>.journal while the session runs
};
ResultPaths result_paths(const std::string& results_dir, const std::string& stem);

scoring::Json result_to_json(const SessionResult& result);
// Writes the result atomically (creating the folder); empty string on success, else why.
std::string write_result(const std::string& path, const SessionResult& result);

struct ResultLoad {
  std::optional<SessionResult> result;
  scoring::Diagnostics diagnostics;  // why the file is not a usable result
};
// How much of a result to read: `scores` leaves out the grade's evidence (the bulk of a
// file; the report needs no more), `summary` also the chat's messages (the dashboard's
// table; it reads the whole file again when a trainer opens one).
enum class ResultDetail { full, scores, summary };
// Reads one result. Machine-written files take a fast path; a broken or foreign file is
// parsed again with positions so its diagnostic says `file:line:col: path: message`.
ResultLoad load_result(const std::string& path, ResultDetail detail = ResultDetail::full);
ResultLoad result_from_text(std::string_view text, const std::string& file, ResultDetail detail = ResultDetail::full);

// The *.json files directly in a results folder (not live/, not hidden temp files), sorted.
// Symbolic links and other non-files are left out, and named in `problems` if given, as is
// a folder that cannot be read. Temp files left by a writer killed mid-write are removed.
std::vector<std::string> list_result_files(const std::string& results_dir, scoring::Diagnostics* problems = nullptr);
// Journals of sessions still running, or of machines that crashed mid-session.
std::vector<std::string> list_live_journals(const std::string& results_dir);

struct LoadedResult {
  std::string file;
  SessionResult result;
};
struct ResultsFolderLoad {
  std::vector<LoadedResult> results;  // sorted by file name
  scoring::Diagnostics skipped;       // one or more diagnostics per file that was skipped
};
// Every result in the folder; corrupt or foreign files are reported and skipped. A missing
// folder is one diagnostic and no results.
ResultsFolderLoad load_results_folder(const std::string& results_dir);

}  // namespace chatdrill::classroom
