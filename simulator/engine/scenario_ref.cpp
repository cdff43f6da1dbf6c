// Scenario references in exercise and shift files; see scenario_ref.h.
#include "scenario_ref.h"

#include "field_reader.h"
#include "scenario_loader.h"
#include "validation.h"

#include "scoring/core/paths.h"

#include <fmt/format.h>

namespace chatdrill::engine {

namespace fs = std::filesystem;

bool looks_like_path(std::string_view ref) {
  return ref.find('/') != std::string_view::npos || ref.find('\\') != std::string_view::npos ||
         (ref.size() > 5 && ref.substr(ref.size() - 5) == ".json");
}

fs::path folder_of(const std::string& file) {
  fs::path p(file);
  return p.has_parent_path() ? p.parent_path() : fs::path(".");
}

std::vector<std::string> bundled_scenario_ids() {
  std::vector<std::string> ids;
  for (const auto& f : json_files_in(scoring::data_path("scenarios").string()))
    ids.push_back(fs::path(f).stem().string());
  return ids;
}

std::optional<std::string> resolve_scenario_ref(FieldReader& r, const std::string& path, const std::string& ref) {
  if (ref.empty()) {
    r.error(path, "is empty; give a bundled scenario id or a path to a scenario file");
    return {};
  }
  if (looks_like_path(ref)) {
    fs::path p(ref);
    if (p.is_relative()) p = folder_of(r.doc().file) / p;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
      r.error(path, fmt::format("scenario file \"{}\" not found (looked at {})", ref, p.lexically_normal().string()));
      return {};
    }
    return p.lexically_normal().string();
  }
  if (auto found = find_bundled_scenario(ref)) return *found;
  r.error(path, fmt::format("unknown scenario id \"{}\"{} (not in the bundled library; a file path needs a '/' or "
                            "'.json')",
                            ref, did_you_mean(ref, bundled_scenario_ids())));
  return {};
}

}  // namespace chatdrill::engine
