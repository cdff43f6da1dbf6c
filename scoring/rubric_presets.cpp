// Timing presets of the rubric (chat, async); see grade.h. The grade rules themselves do
// not change between channels, only the targets they measure against.
#include "grade.h"

namespace chatdrill::scoring {

bool apply_preset(Rubric& rubric, std::string_view preset) {
  if (preset == "chat") {
    const Rubric chat;
    rubric.first_reply_target = chat.first_reply_target;
    rubric.reply_target = chat.reply_target;
    rubric.abandoned_after = chat.abandoned_after;
    rubric.silence_checkin_from = chat.silence_checkin_from;
    rubric.silence_checkin_to = chat.silence_checkin_to;
    rubric.hold_target = chat.hold_target;
    return true;
  }
  if (preset == "async") {
    constexpr double hour = 3600;
    rubric.first_reply_target = 1 * hour;
    rubric.reply_target = 4 * hour;
    rubric.abandoned_after = 24 * hour;
    // A customer who has not written back for a day gets a follow-up; after three days it is late.
    rubric.silence_checkin_from = 24 * hour;
    rubric.silence_checkin_to = 72 * hour;
    rubric.hold_target = 8 * hour;  // "we'll look into it" answered within a working day
    return true;
  }
  return false;
}

std::string_view preset_for_channel(std::string_view channel) {
  if (channel == "email" || channel == "social") return "async";
  if (channel == "chat") return "chat";
  return {};
}

}  // namespace chatdrill::scoring
