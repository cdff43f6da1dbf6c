// Fuzzes crash recovery of a live session journal (one JSON line per event).
#include "fuzz_support.h"
#include "simulator/engine/journal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chatdrill;
  const auto load = engine::recover_journal_text(fuzz::text_of(data, size), "fuzz.journal");
  for (const auto& d : load.diagnostics) (void)d.to_string();
  return 0;
}
