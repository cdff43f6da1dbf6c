// Fuzzes the transcript reader and the graders: what `chatdrill grade FILE` does.
#include "fuzz_support.h"
#include "scoring/core/json_doc.h"
#include "scoring/core/paths.h"
#include "scoring/grade.h"
#include "scoring/transcript.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chatdrill::scoring;
  auto parsed = parse_json(chatdrill::fuzz::text_of(data, size), "fuzz-transcript.json");
  if (!parsed.doc) return 0;
  const auto load = transcript_from_doc(*parsed.doc);
  if (!load.transcript) return 0;
  static Grader grader(data_root());  // one for the run: the fuzzer calls from one thread
  const Grade grade = grade_transcript(*load.transcript, {}, grader);
  (void)grade_to_json(grade).dump(-1, ' ', false, Json::error_handler_t::replace);
  (void)transcript_to_json(*load.transcript).dump(-1, ' ', false, Json::error_handler_t::replace);
  return 0;
}
