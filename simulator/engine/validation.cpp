// The validation pipeline (validation.h): parse once, then schema, loader, lints, twins.
#include "validation.h"

#include "scenario_lint.h"
#include "scenario_loader.h"
#include "schema_check.h"

#include "scoring/core/paths.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace chatdrill::engine {

using scoring::Diagnostics;
using scoring::JsonDoc;

namespace {

void sort_by_position(Diagnostics& ds) {
  std::stable_sort(ds.begin(), ds.end(), [](const auto& a, const auto& b) {
    return std::pair(a.pos.line, a.pos.col) < std::pair(b.pos.line, b.pos.col);
  });
}

void append(Diagnostics& to, Diagnostics from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// The paths where the loader found an error: the loader owns those values (validation.h).
std::set<std::string> judged_paths(const Diagnostics& loader) {
  std::set<std::string> out;
  for (const auto& d : loader)
    if (d.severity == scoring::Severity::error) out.insert(d.path);
  return out;
}

}  // namespace

Diagnostics schema_then_loader(const JsonDoc& doc, const std::string& schema_path, Diagnostics loader) {
  Diagnostics out = check_schema(doc, schema_path, judged_paths(loader));
  sort_by_position(out);
  append(out, std::move(loader));
  return out;
}

ParsedFile keep_parse(std::string path, scoring::JsonParse parsed) {
  ParsedFile out;
  out.path = std::move(path);
  if (parsed.doc) out.doc = std::make_shared<const JsonDoc>(std::move(*parsed.doc));
  else out.diagnostics.push_back(*parsed.error);
  return out;
}

ScenarioCheck check_parsed_scenario(std::string path, scoring::JsonParse parsed) {
  auto kept = keep_parse(std::move(path), std::move(parsed));
  ScenarioCheck out{std::move(kept.path), std::move(kept.doc), nullptr, std::move(kept.diagnostics)};
  if (!out.doc) return out;
  auto load = load_scenario_doc(*out.doc);
  out.diagnostics = schema_then_loader(*out.doc, scenario_schema_path(), std::move(load.diagnostics));
  if (load.scenario) append(out.diagnostics, lint_scenario(*load.scenario, *out.doc));
  if (!scoring::has_errors(out.diagnostics)) out.scenario = std::move(load.scenario);
  return out;
}

// Twin checks for every loaded scenario that names a twin: the twin is taken from the
// checked set when it is there, else read from the scenario's folder (once per file).
void check_twins(std::vector<ScenarioCheck>& checks) {
  std::map<std::string, const ScenarioCheck*> by_file;
  for (const auto& c : checks) by_file.emplace(std::filesystem::path(c.path).lexically_normal().string(), &c);
  std::map<std::string, ScenarioCheck> outside;  // twins read from disk, by file
  std::vector<Diagnostics> found(checks.size());
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const auto& c = checks[i];
    if (!c.scenario || c.scenario->twin.empty()) continue;
    const std::string file = std::filesystem::path(twin_file(*c.scenario)).lexically_normal().string();
    const ScenarioCheck* twin = nullptr;
    if (auto it = by_file.find(file); it != by_file.end()) {
      twin = it->second;
    } else {
      std::error_code ec;
      if (std::filesystem::is_regular_file(file, ec)) {
        auto [at, fresh] = outside.try_emplace(file);
        if (fresh) at->second = check_scenario_file(file);
        twin = &at->second;
      }
    }
    if (twin && !twin->scenario) continue;  // its own findings say why it does not load
    found[i] = lint_twin_drift(*c.scenario, *c.doc, twin ? twin->scenario.get() : nullptr);
  }
  for (std::size_t i = 0; i < checks.size(); ++i) append(checks[i].diagnostics, std::move(found[i]));
}

ShiftCheck check_parsed_shift(std::string path, scoring::JsonParse parsed) {
  auto kept = keep_parse(std::move(path), std::move(parsed));
  ShiftCheck out{std::move(kept.path), std::move(kept.doc), std::nullopt, {}, std::move(kept.diagnostics)};
  if (!out.doc) return out;
  auto load = shift_from_doc(*out.doc);
  out.diagnostics = schema_then_loader(*out.doc, shift_schema_path(), std::move(load.diagnostics));
  if (scoring::has_errors(out.diagnostics) || !load.shift) return out;
  auto scenarios = load_shift_scenarios(*load.shift);
  append(out.diagnostics, std::move(scenarios.diagnostics));
  if (scoring::has_errors(out.diagnostics)) return out;
  out.shift = std::move(load.shift);
  out.scenarios = std::move(scenarios.scenarios);
  return out;
}

ShiftCheck check_shift_text(std::string_view text, const std::string& path) {
  return check_parsed_shift(path, scoring::parse_json(text, path));
}

ScenarioCheck check_scenario_text(std::string_view text, const std::string& path) {
  return check_parsed_scenario(path, scoring::parse_json(text, path));
}

ScenarioCheck check_scenario_file(const std::string& path) {
  return check_parsed_scenario(path, scoring::parse_json_file(path));
}

std::vector<std::string> json_files_in(const std::string& folder) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.is_regular_file(ec) && entry.path().extension() == ".json") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> expand_files(const std::vector<std::string>& files_or_folders) {
  std::vector<std::string> files;
  for (const auto& given : files_or_folders) {
    std::error_code ec;
    if (!std::filesystem::is_directory(given, ec)) {
      files.push_back(given);
      continue;
    }
    const auto inside = json_files_in(given);
    files.insert(files.end(), inside.begin(), inside.end());
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

std::vector<ScenarioCheck> check_scenarios(const std::vector<std::string>& files_or_folders) {
  std::vector<ScenarioCheck> out;
  for (const auto& f : expand_files(files_or_folders)) out.push_back(check_scenario_file(f));
  check_twins(out);
  return out;
}

}  // namespace chatdrill::engine
