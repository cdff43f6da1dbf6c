// Fuzzes the whole validation pipeline on one file, as `chatdrill validate` runs it:
// parse, schema check, loader and lints (engine/validation.h).
#include "fuzz_support.h"
#include "simulator/engine/validation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chatdrill;
  const auto check = engine::check_scenario_text(fuzz::text_of(data, size), "fuzz-scenario.json");
  for (const auto& d : check.diagnostics) (void)d.to_string();
  return 0;
}
