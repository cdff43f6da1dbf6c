// Writing: placeholder until the spelling and grammar checker lands (same branch of work).
#include "grade_internal.h"

namespace chatdrill::scoring::detail {

DimensionGrade writing_grade(const ChatView& chat, const Rubric&) {
  Tally tally("writing", 100, chat.fi() ? "Kirjoitusasua ei vielä tarkisteta." : "Spelling is not checked yet.");
  DimensionGrade g = tally.finish(chat.fi());
  g.graded = false;
  return g;
}

}  // namespace chatdrill::scoring::detail
