// Exercise files on the engine's validation stages; see checks.h.
#include "checks.h"

#include "simulator/engine/schema_check.h"

namespace chatdrill::classroom {

namespace {

ExerciseCheck check_parsed_exercise(std::string path, scoring::JsonParse parsed) {
  auto kept = engine::keep_parse(std::move(path), std::move(parsed));
  ExerciseCheck out{std::move(kept.path), std::move(kept.doc), std::nullopt, std::move(kept.diagnostics)};
  if (!out.doc) return out;
  auto load = exercise_from_doc(*out.doc);
  out.diagnostics = engine::schema_then_loader(*out.doc, engine::exercise_schema_path(), std::move(load.diagnostics));
  if (!scoring::has_errors(out.diagnostics)) out.exercise = std::move(load.exercise);
  return out;
}

}  // namespace

FileChecks check_files(const std::vector<std::string>& files_or_folders) {
  FileChecks out;
  for (const auto& f : engine::expand_files(files_or_folders)) {
    auto parsed = scoring::parse_json_file(f);
    if (parsed.doc && is_exercise_doc(*parsed.doc))
      out.exercises.push_back(check_parsed_exercise(f, std::move(parsed)));
    else if (parsed.doc && engine::is_shift_doc(*parsed.doc))
      out.shifts.push_back(engine::check_parsed_shift(f, std::move(parsed)));
    else out.scenarios.push_back(engine::check_parsed_scenario(f, std::move(parsed)));
  }
  engine::check_twins(out.scenarios);
  return out;
}

ExerciseCheck check_exercise_text(std::string_view text, const std::string& path) {
  return check_parsed_exercise(path, scoring::parse_json(text, path));
}

ExerciseCheck check_exercise_file(const std::string& path) {
  return check_parsed_exercise(path, scoring::parse_json_file(path));
}

bool is_exercise_doc(const scoring::JsonDoc& doc) {
  return doc.root.is_object() && doc.root.value("format", scoring::Json()) == k_exercise_format;
}

}  // namespace chatdrill::classroom
