// Result files: naming, writing and reading; see results.h. Knows the result format and the
// folder layout (results/*.json, results/live/*.journal), nothing about who displays them.
#include "results.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>

#include "scoring/core/file_name.h"
#include "scoring/text.h"
#include "simulator/engine/field_reader.h"
#include "simulator/engine/files.h"

namespace chatdrill::classroom {

using engine::element_path;
using engine::ensure_directory;
using engine::FieldReader;
using engine::member_path;
using engine::remove_stale_temp_files;
using engine::write_file_atomic;

namespace fs = std::filesystem;
using scoring::Json;

// ---------------------------------------------------------------------------------------
// Names

// Transliterated by ICU (scoring/core/file_name.h): one rule for every file name we make.
std::string sanitize_name_part(std::string_view text, std::string_view fallback) {
  return scoring::file_name_part(text, fallback);
}

WriterIdentity this_writer() {
  WriterIdentity w;
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) == 0) w.host = host;
  w.pid = static_cast<long>(::getpid());
  std::random_device rd;
  w.nonce = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  return w;
}

std::string result_file_stem(std::string_view trainee, std::string_view scenario, const WriterIdentity& writer) {
  return fmt::format("{}_{}_{}-{}-{:016x}", sanitize_name_part(trainee, "trainee"),
                     sanitize_name_part(scenario, "scenario"), sanitize_name_part(writer.host, "host"), writer.pid,
                     writer.nonce);
}

ResultPaths result_paths(const std::string& results_dir, const std::string& stem) {
  const fs::path dir(results_dir);
  return ResultPaths{(dir / (stem + ".json")).string(), (dir / "live" / (stem + ".journal")).string()};
}

// ---------------------------------------------------------------------------------------
// Writing

Json result_to_json(const SessionResult& r) {
  Json j = Json::object();
  j["format"] = k_result_format;
  j["trainee"] = r.trainee;
  if (!r.exercise_id.empty() || !r.exercise_title.empty())
    j["exercise"] = Json{{"id", r.exercise_id}, {"title", r.exercise_title}};
  j["scenario"] = Json{{"id", r.scenario_id}, {"title", r.scenario_title}, {"position", r.position}};
  j["outcome"] = r.transcript.outcome;
  j["started_at"] = r.started_at;
  j["ended_at"] = r.ended_at;
  j["app_version"] = r.app_version;
  j["host"] = r.host;
  j["grade"] = scoring::grade_to_json(r.grade);
  j["transcript"] = scoring::transcript_to_json(r.transcript);
  return j;
}

std::string write_result(const std::string& path, const SessionResult& result) {
  const fs::path p(path);
  if (p.has_parent_path())
    if (auto err = ensure_directory(p.parent_path().string()); !err.empty()) return err;
  // Compact: a classroom's folder is read in full by every dashboard refresh and report.
  const std::string text = result_to_json(result).dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  // Never write what no reader would accept.
  if (text.size() > scoring::k_max_file_bytes)
    return fmt::format("{}: not saved: the result would be {} bytes, more than the {} limit for chatdrill files", path,
                       text.size(), scoring::k_max_file_text);
  return write_file_atomic(path, text);
}

// ---------------------------------------------------------------------------------------
// Reading

namespace {

bool read_score(FieldReader& r, const Json& v, const std::string& path, double& into) {
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 || v.get<double>() > 100) {
    r.error(path, "must be a score from 0 to 100");
    return false;
  }
  into = v.get<double>();
  return true;
}

void read_evidence(FieldReader& r, const Json& list, const std::string& path, std::vector<scoring::Evidence>& into) {
  if (!list.is_array()) {
    r.error(path, "must be a list");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& e = list[i];
    if (!e.is_object()) {
      r.error(scoring::element_path(path, i), "must be an object");
      continue;
    }
    scoring::Evidence ev;
    if (e.contains("message") && e["message"].is_number_unsigned()) ev.message = e["message"].get<std::size_t>();
    if (e.contains("rule") && e["rule"].is_string()) ev.rule = scoring::intern_id(e["rule"].get<std::string>());
    if (e.contains("points") && e["points"].is_number()) ev.points = e["points"].get<double>();
    if (e.contains("note") && e["note"].is_string()) ev.note = e["note"].get<std::string>();
    into.push_back(std::move(ev));
  }
}

// Grades are machine-written and may gain fields: read what we know, ignore the rest.
// A chatdrill.grade/1 (saved before resolution and writing existed) has only the first
// four dimensions: the others load as "not graded". A missing format is read as /2.
void read_grade(FieldReader& r, const Json& g, scoring::Grade& grade) {
  if (!g.is_object()) {
    r.error("grade", fmt::format("must be an object ({})", scoring::k_grade_format));
    return;
  }
  std::size_t required = scoring::k_dimension_count;
  if (g.contains("format") && g["format"].is_string()) {
    const std::string& format = g["format"].get_ref<const std::string&>();
    if (format == scoring::k_grade_format_v1) required = scoring::k_dimension_count_v1;
    else if (format != scoring::k_grade_format)
      r.error("grade.format", fmt::format("not a grade format this version reads ({} or {})", scoring::k_grade_format,
                                          scoring::k_grade_format_v1));
  }
  if (!g.contains("overall")) r.error("grade", "missing \"overall\"");
  else read_score(r, g["overall"], "grade.overall", grade.overall);
  if (!g.contains("dimensions") || !g["dimensions"].is_object()) {
    r.error("grade", "missing \"dimensions\" (an object)");
    return;
  }
  const Json& dims = g["dimensions"];
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d) {
    const std::string p = scoring::member_path("grade.dimensions", scoring::k_dimensions[d]);
    if (!dims.contains(scoring::k_dimensions[d]) || !dims[scoring::k_dimensions[d]].is_object()) {
      if (d < required) r.error("grade.dimensions", fmt::format("missing \"{}\"", scoring::k_dimensions[d]));
      grade.dimensions[d].graded = false;
      continue;
    }
    const Json& dim = dims[scoring::k_dimensions[d]];
    if (dim.contains("graded") && dim["graded"].is_boolean()) grade.dimensions[d].graded = dim["graded"].get<bool>();
    if (!dim.contains("score")) r.error(p, "missing \"score\"");
    else read_score(r, dim["score"], p + ".score", grade.dimensions[d].score);
    if (dim.contains("evidence")) read_evidence(r, dim["evidence"], p + ".evidence", grade.dimensions[d].evidence);
  }
}

// Takes the transcript subtree out of the document (no copy): a document is read once.
void read_transcript(FieldReader& r, Json& t, SessionResult& result) {
  scoring::JsonDoc sub;
  sub.root = std::move(t);
  sub.file = r.doc().file;
  auto loaded = scoring::transcript_from_doc(sub);
  for (auto& d : loaded.diagnostics) {
    const std::string p = d.path.empty()     ? "transcript"
                          : d.path[0] == '[' ? "transcript" + d.path
                                             : "transcript." + d.path;
    r.report(p, d.message, d.severity);
  }
  if (loaded.transcript) result.transcript = std::move(*loaded.transcript);
}

void read_objects(FieldReader& r, const Json& root, SessionResult& out) {
  if (root.contains("exercise")) {
    if (!root["exercise"].is_object()) r.error("exercise", "must be an object {\"id\", \"title\"}");
    else {
      out.exercise_id = r.string(root["exercise"], "exercise", "id", false).value_or("");
      out.exercise_title = r.string(root["exercise"], "exercise", "title", false).value_or("");
    }
  }
  if (!root.contains("scenario") || !root["scenario"].is_object()) {
    r.error("", "missing \"scenario\" (an object {\"id\", \"title\", \"position\"})");
  } else {
    const Json& s = root["scenario"];
    out.scenario_id = r.string(s, "scenario", "id", true).value_or("");
    out.scenario_title = r.string(s, "scenario", "title", false).value_or("");
    if (s.contains("position")) {
      if (auto n = r.as_whole_number(s["position"], "scenario.position"))
        out.position = static_cast<int>(std::min<std::uint64_t>(*n, 100000));
    }
  }
}

// What a foreign file's "format" is, without echoing its content: a file of someone
// else's may hold anything, and the report and dashboard show this message.
std::string describe_format(const Json& format) {
  if (!format.is_string()) return fmt::format("its \"format\" is {}", scoring::json_type_name(format));
  const std::string& f = format.get_ref<const std::string&>();
  const bool ours = f.size() <= 40 && f.rfind("chatdrill.", 0) == 0 && std::all_of(f.begin(), f.end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '/' || c == '-';
                    });
  return ours ? fmt::format("\"{}\"", f) : "its \"format\" is another program's";
}

ResultLoad result_from_doc(scoring::JsonDoc& doc) {
  ResultLoad load;
  FieldReader r(doc, load.diagnostics);
  Json& root = doc.root;
  if (!root.is_object() || !root.contains("format")) {
    r.error("", fmt::format("not a chatdrill result (no \"format\": \"{}\")", k_result_format));
    return load;
  }
  if (root["format"] != k_result_format) {
    r.error("format", fmt::format("not a chatdrill result ({} instead of \"{}\")", describe_format(root["format"]),
                                  k_result_format));
    return load;
  }
  SessionResult out;
  out.trainee = r.string(root, "", "trainee", true).value_or("");
  out.started_at = r.string(root, "", "started_at", false).value_or("");
  out.ended_at = r.string(root, "", "ended_at", false).value_or("");
  out.app_version = r.string(root, "", "app_version", false).value_or("");
  out.host = r.string(root, "", "host", false).value_or("");
  read_objects(r, root, out);
  if (!root.contains("grade")) r.error("", "missing \"grade\"");
  else read_grade(r, root["grade"], out.grade);
  if (!root.contains("transcript")) r.error("", "missing \"transcript\"");
  else read_transcript(r, root["transcript"], out);
  if (out.trainee.empty() && root.contains("trainee") && root["trainee"].is_string()) r.error("trainee", "is empty");
  if (!scoring::has_errors(load.diagnostics)) load.result = std::move(out);
  return load;
}

}  // namespace

namespace {

// Leaves out what the caller did not ask for, after the whole file was checked.
void drop_details(SessionResult& result, ResultDetail detail) {
  if (detail == ResultDetail::full) return;
  for (auto& d : result.grade.dimensions) {
    d.evidence.clear();
    d.evidence.shrink_to_fit();
  }
  if (detail == ResultDetail::summary) {
    result.transcript.messages.clear();
    result.transcript.messages.shrink_to_fit();
  }
}

}  // namespace

ResultLoad result_from_text(std::string_view text, const std::string& file, ResultDetail detail) {
  // Fast path: the bounded parser without positions. Only a file that fails is parsed
  // again with positions, so its diagnostics point at a line and column. The whole file is
  // read (evidence too) whatever the detail: a result counts only if all of it is sound.
  scoring::JsonLimits fast;
  fast.positions = false;
  if (auto parsed = scoring::parse_json(text, file, fast); parsed.doc) {
    ResultLoad load = result_from_doc(*parsed.doc);
    if (load.result) {
      drop_details(*load.result, detail);
      return load;
    }
  }
  auto parsed = scoring::parse_json(text, file);
  if (!parsed.doc) return ResultLoad{std::nullopt, {*parsed.error}};
  return result_from_doc(*parsed.doc);
}

ResultLoad load_result(const std::string& path, ResultDetail detail) {
  std::string error;
  auto text = scoring::read_text_file(path, error, scoring::k_max_file_bytes, false);
  if (!text) return ResultLoad{std::nullopt, {scoring::Diagnostic{path, {}, "", error}}};
  return result_from_text(*text, path, detail);
}

namespace {

// The plain files with `ext` directly in `dir`. Hidden names (temp files of atomic writes)
// are passed over; symbolic links are never followed (a link could show a file from
// anywhere in the report) and other non-files are not opened: both go to `problems`.
std::vector<std::string> list_with_extension(const fs::path& dir, std::string_view ext,
                                             scoring::Diagnostics* problems) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec && problems && ec != std::errc::no_such_file_or_directory)
    problems->push_back(
        scoring::Diagnostic{dir.string(), {}, "", fmt::format("cannot read the folder: {}", ec.message())});
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (name.empty() || name[0] == '.' || p.extension() != ext) continue;
    std::error_code type_ec;
    const auto type = it->symlink_status(type_ec).type();
    if (type == fs::file_type::regular) {
      files.push_back(p.string());
      continue;
    }
    if (!problems) continue;
    const char* why = type == fs::file_type::symlink     ? "is a symbolic link: not followed (results are plain files)"
                      : type == fs::file_type::directory ? "is a folder, not a result file"
                                                         : "is not a regular file (a FIFO, device or socket): not read";
    problems->push_back(scoring::Diagnostic{p.string(), {}, "", why});
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::vector<std::string> list_result_files(const std::string& results_dir, scoring::Diagnostics* problems) {
  std::error_code ec;
  // Temp files of writers killed mid-write, dated by the folder's own clock (see files.h).
  if (const auto changed = fs::last_write_time(results_dir, ec); !ec) remove_stale_temp_files(results_dir, changed);
  return list_with_extension(results_dir, ".json", problems);
}

std::vector<std::string> list_live_journals(const std::string& results_dir) {
  return list_with_extension(fs::path(results_dir) / "live", ".journal", nullptr);
}

ResultsFolderLoad load_results_folder(const std::string& results_dir) {
  ResultsFolderLoad out;
  std::error_code ec;
  if (!fs::is_directory(results_dir, ec)) {
    out.skipped.push_back(scoring::Diagnostic{results_dir, {}, "", "not a folder (no results to read)"});
    return out;
  }
  for (const auto& file : list_result_files(results_dir, &out.skipped)) {
    auto load = load_result(file);
    if (load.result) out.results.push_back(LoadedResult{file, std::move(*load.result)});
    else
      for (auto& d : load.diagnostics) out.skipped.push_back(std::move(d));
  }
  return out;
}

}  // namespace chatdrill::classroom
