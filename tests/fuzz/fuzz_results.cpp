// Fuzzes the results reader at every detail, as `report`, the dashboard and the review
// read a file found in a shared results folder.
#include "fuzz_support.h"
#include "simulator/classroom/results.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chatdrill::classroom;
  const auto text = chatdrill::fuzz::text_of(data, size);
  const auto full = result_from_text(text, "fuzz-result.json", ResultDetail::full);
  const auto scores = result_from_text(text, "fuzz-result.json", ResultDetail::scores);
  const auto summary = result_from_text(text, "fuzz-result.json", ResultDetail::summary);
  // A result counts whole or not at all, whatever the caller reads of it.
  if (full.result.has_value() != scores.result.has_value() || full.result.has_value() != summary.result.has_value())
    __builtin_trap();
  if (full.result)
    (void)result_to_json(*full.result).dump(-1, ' ', false, chatdrill::scoring::Json::error_handler_t::replace);
  return 0;
}
