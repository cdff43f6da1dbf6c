// Fuzzes the exercise reader (`chatdrill.exercise/1`), scenarios it names included.
#include "fuzz_support.h"
#include "scoring/core/json_doc.h"
#include "simulator/engine/exercise.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chatdrill;
  auto parsed = scoring::parse_json(fuzz::text_of(data, size), "fuzz-exercise.json");
  if (!parsed.doc) return 0;
  const auto load = engine::exercise_from_doc(*parsed.doc);
  if (!load.exercise) return 0;
  (void)engine::play_order(*load.exercise);
  return 0;
}
