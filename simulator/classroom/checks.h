// Validation of classroom files on the engine's one pipeline (simulator/engine/validation.h):
// an exercise file goes through the same syntax and schema stages as a scenario, then the
// exercise reader; `check_files` sorts a mixed set of trainer files by their "format" and
// checks each once (`chatdrill validate`). UI-free, no clock.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exercise.h"
#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"
#include "simulator/engine/validation.h"

namespace chatdrill::classroom {

struct ExerciseCheck {
  std::string path;
  std::shared_ptr<const scoring::JsonDoc> doc;
  std::optional<Exercise> exercise;  // set when no stage found an error
  scoring::Diagnostics diagnostics;  // syntax -> schema -> semantics
};

// An exercise file against scenarios/schema/exercise.schema.json and the exercise loader.
// The scenarios it names are other files: load_exercise_scenarios checks those.
ExerciseCheck check_exercise_text(std::string_view text, const std::string& path);
ExerciseCheck check_exercise_file(const std::string& path);

// Like engine::check_scenarios, but files whose "format" says exercise or shift are checked
// as such. Each file is still parsed once.
struct FileChecks {
  std::vector<engine::ScenarioCheck> scenarios;
  std::vector<ExerciseCheck> exercises;
  std::vector<engine::ShiftCheck> shifts;  // files whose "format" says shift
};
FileChecks check_files(const std::vector<std::string>& files_or_folders);

// True if `doc` says it is an exercise (its "format" is chatdrill.exercise/1).
bool is_exercise_doc(const scoring::JsonDoc& doc);

}  // namespace chatdrill::classroom
