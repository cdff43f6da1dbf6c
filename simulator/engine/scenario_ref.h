// How exercise and shift files name a scenario: a bundled id ("angry-complaint-fi") or a
// path to a scenario file, relative to the naming file. One reader for both, so a trainer
// gets the same answer (and the same "did you mean") wherever they name a scenario.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::engine {

class FieldReader;

// A reference with a '/' or '\' or ending in ".json" is a path; anything else is an id.
bool looks_like_path(std::string_view ref);
// The folder a file's relative references start from ("." for a bare file name).
std::filesystem::path folder_of(const std::string& file);
// The bundled scenarios' ids (for "did you mean").
std::vector<std::string> bundled_scenario_ids();
// The scenario file `ref` names, or an error at `path` in the reader's document: empty, a
// file that is not there, an id not in the bundled library (with the nearest ids).
std::optional<std::string> resolve_scenario_ref(FieldReader& r, const std::string& path, const std::string& ref);

}  // namespace chatdrill::engine
