// The exercise format is stated once: scenarios/schema/exercise.schema.json and the
// exercise loader's field lists agree (tests/support/format_agreement.h).
#include "simulator/classroom/exercise.h"

#include "simulator/engine/schema_check.h"
#include "support/format_agreement.h"

using namespace chatdrill;
using namespace chatdrill::classroom;
using namespace chatdrill::test::format;
using chatdrill::engine::exercise_schema_path;

namespace {

const fs::path k_scenarios = fs::path(CHATDRILL_SOURCE_DIR) / "scenarios";

}  // namespace

TEST_CASE("format: the exercise loader reads exactly the fields exercise.schema.json lists") {
  auto files = json_files(k_scenarios / "exercises");
  files.push_back((fs::path(CHATDRILL_SOURCE_DIR) / "tests/classroom/data/every-field-exercise.json").string());
  const auto met = check_agreement(exercise_schema_path(), files,
                                   [](const scoring::JsonDoc& doc) { return exercise_from_doc(doc).diagnostics; });
  CHECK(met.size() >= 3);
}
