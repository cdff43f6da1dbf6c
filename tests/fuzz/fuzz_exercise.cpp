// Fuzzes the exercise pipeline (`chatdrill.exercise/1`): parse, schema check and reader.
#include "fuzz_support.h"
#include "simulator/classroom/checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chatdrill;
  const auto check = classroom::check_exercise_text(fuzz::text_of(data, size), "fuzz-exercise.json");
  if (!check.exercise) return 0;
  (void)classroom::play_order(*check.exercise);
  return 0;
}
