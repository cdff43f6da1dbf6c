// Choosing a transcript's rubric; see rubric_chooser.h.
#include "rubric_chooser.h"

#include "simulator/engine/scenario_loader.h"

#include <cstdio>
#include <filesystem>

namespace chatdrill::cli {

std::optional<scoring::Rubric> scenario_rubric(const std::string& which) {
  std::string path = which;
  if (!std::filesystem::exists(path) && engine::is_valid_scenario_id(which)) {
    if (auto bundled = engine::find_bundled_scenario(which)) path = *bundled;
  }
  const auto load = engine::load_scenario(path);
  for (const auto& d : load.diagnostics) std::fprintf(stderr, "%s\n", d.to_string().c_str());
  if (!load.scenario) return std::nullopt;
  return load.scenario->rubric;
}

const scoring::Rubric& RubricChooser::base_for(const scoring::Transcript& t, const std::string& file) {
  if (chosen) return *chosen;
  if (t.scenario.empty() || !engine::is_valid_scenario_id(t.scenario)) return any_chat_;
  const std::filesystem::path beside = std::filesystem::path(file).parent_path() / (t.scenario + ".json");
  const std::string key = beside.string();
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  std::optional<std::string> path;
  std::error_code ec;
  if (std::filesystem::is_regular_file(beside, ec)) path = key;
  else path = engine::find_bundled_scenario(t.scenario);
  scoring::Rubric rubric = any_chat_;
  if (path) {
    const auto load = engine::load_scenario(*path);
    if (load.scenario && load.scenario->id == t.scenario) rubric = load.scenario->rubric;
    else
      std::fprintf(stderr, "chatdrill %s: %s: scenario \"%s\" not usable (%s); graded with the rubric for any chat\n",
                   command_.c_str(), file.c_str(), t.scenario.c_str(), path->c_str());
  }
  return cache_.emplace(key, std::move(rubric)).first->second;
}

RubricChooser::Option RubricChooser::take_option(int argc, char** argv, int& i, std::string& error) {
  const std::string_view arg = argv[i];
  if (arg == "--scenario") {
    if (i + 1 >= argc) return error = "--scenario needs a scenario file or id", Option::usage;
    auto r = scenario_rubric(argv[++i]);
    if (!r) return Option::failed;
    chosen = std::move(*r);
    return Option::taken;
  }
  if (arg == "--preset") {
    scoring::Rubric probe;
    if (i + 1 >= argc || !scoring::apply_preset(probe, argv[i + 1]))
      return error = "--preset needs chat or async", Option::usage;
    preset = argv[++i];
    return Option::taken;
  }
  return Option::not_mine;
}

const scoring::Rubric& RubricChooser::rubric_for(const scoring::Transcript& t, const std::string& file) {
  const scoring::Rubric& base = base_for(t, file);
  const std::string_view timing = !preset.empty() ? std::string_view(preset)
                                  : chosen        ? std::string_view()
                                                  : scoring::preset_for_channel(t.channel);
  if (timing.empty() || (timing == "chat" && preset.empty())) return base;  // a chat keeps its scenario's own targets
  timed_ = base;
  scoring::apply_preset(timed_, timing);
  return timed_;
}

}  // namespace chatdrill::cli
