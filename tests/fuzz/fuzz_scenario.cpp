// Fuzzes the scenario loader and the whole validator: loader, schema check and lints,
// as `chatdrill validate` runs them on a file.
#include "fuzz_support.h"
#include "scoring/core/json_doc.h"
#include "simulator/engine/scenario_lint.h"
#include "simulator/engine/scenario_loader.h"
#include "simulator/engine/schema_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chatdrill;
  auto parsed = scoring::parse_json(fuzz::text_of(data, size), "fuzz-scenario.json");
  if (!parsed.doc) return 0;
  const auto load = engine::load_scenario_doc(*parsed.doc);
  const auto schema = engine::check_schema(*parsed.doc, engine::scenario_schema_path());
  (void)engine::merge_findings(load.diagnostics, schema);
  if (load.scenario) (void)engine::lint_scenario(*load.scenario, *parsed.doc);
  for (const auto& d : load.diagnostics) (void)d.to_string();
  return 0;
}
