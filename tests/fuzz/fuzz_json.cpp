// Fuzzes the bounded JSON reader (scoring/core/json_doc.h): with and without positions, then
// looks up positions of paths built from the parsed document, and prints it back.
#include "fuzz_support.h"
#include "scoring/core/json_doc.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chatdrill::scoring;
  const auto text = chatdrill::fuzz::text_of(data, size);
  JsonLimits fast;
  fast.positions = false;
  auto quick = parse_json(text, "fuzz.json", fast);
  auto parsed = parse_json(text, "fuzz.json");
  if (quick.doc.has_value() != parsed.doc.has_value()) __builtin_trap();  // the two modes must agree
  if (!parsed.doc) return 0;
  const JsonDoc& doc = *parsed.doc;
  // Walk a little of the document the way loaders name places in it.
  const Json* at = &doc.root;
  std::string path;
  for (int depth = 0; depth < 8 && at->is_structured() && !at->empty(); ++depth) {
    if (at->is_object()) {
      const auto first = at->begin();
      path = member_path(path, first.key());
      at = &first.value();
    } else {
      path = element_path(path, at->size() - 1);
      at = &at->back();
    }
    (void)doc.pos(path);
    (void)doc.key_pos(path);
  }
  (void)doc.pos(path + ".missing[3][\"odd \\\" key\"]");
  (void)doc.pos(std::string(text.substr(0, 64)));  // any text as a path
  (void)doc.root.dump(-1, ' ', false, Json::error_handler_t::replace);
  return 0;
}
