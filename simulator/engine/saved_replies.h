// Saved replies (`saved_replies` in a scenario or an exercise, docs/scenario-format.md):
// reading them with located findings, and filling an exercise's or a trainee's text with
// one scenario's case data. Plain data, no UI; the app keeps the trainee's own replies.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "field_reader.h"
#include "scenario.h"

namespace chatdrill::engine {

// More than this many is no panel a trainee can use; a title is what fits on one line.
inline constexpr std::size_t k_max_saved_replies = 100;
inline constexpr std::size_t k_max_saved_reply_title = 80;  // code points

// Reads the `saved_replies` member of `obj` (a list of {"id", "title", "text"}): ids of
// lowercase letters, digits, - and _, each once; a title and a text that are not blank; a
// text no longer than a trainee may send (scoring::k_max_reply_bytes). Every problem is a
// finding at its path. `where` says whose replies they are in messages ("scenario", "exercise").
std::vector<SavedReply> read_saved_replies(FieldReader& r, const scoring::Json& obj, std::string_view where);

// `text` with every {case.<section>.<field>} of `scenario` filled in. References the
// scenario does not have stay as written and are listed in `unknown` (when given).
std::string fill_case_refs(const Scenario& scenario, std::string_view text,
                           std::vector<std::string>* unknown = nullptr);

// True for saved reply ids: [a-z0-9_-]+, at most 64 characters.
bool is_saved_reply_id(std::string_view id);

}  // namespace chatdrill::engine
