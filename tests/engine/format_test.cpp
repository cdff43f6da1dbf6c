// The format is stated once: the JSON Schemas in scenarios/schema/ and the loaders' own field
// lists agree. For every object of a real document that the schema describes with
// `properties`, the loader must accept each of those properties and reject, at the right
// path, every other field name the format uses anywhere. Every such object of the schema
// must be met at least once, so no part of the format goes unchecked.
#include "engine_test_support.h"

#include "simulator/engine/schema_check.h"
#include "support/format_agreement.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::test::format;

namespace {

const fs::path k_scenarios = fs::path(CHATDRILL_SOURCE_DIR) / "scenarios";

}  // namespace

TEST_CASE("format: the scenario loader reads exactly the fields scenario.schema.json lists") {
  auto files = json_files(k_scenarios);
  files.push_back((fs::path(CHATDRILL_SOURCE_DIR) / "tests/engine/data/every-field.json").string());
  const auto met = check_agreement(scenario_schema_path(), files,
                                   [](const scoring::JsonDoc& doc) { return load_scenario_doc(doc).diagnostics; });
  CHECK(met.size() >= 20);
}
