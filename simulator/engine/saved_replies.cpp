// Reading saved replies and filling their case references; see saved_replies.h.
#include "saved_replies.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "scoring/core/limits.h"

namespace chatdrill::engine {

using scoring::Json;

namespace {

constexpr std::string_view k_ref_open = "{case.";

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

bool is_saved_reply_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::vector<SavedReply> read_saved_replies(FieldReader& r, const Json& obj, std::string_view where) {
  std::vector<SavedReply> out;
  const Json* list = r.member(obj, "", "saved_replies", false);
  if (!list) return out;
  constexpr std::string_view k_shape = "a list of saved replies {\"id\", \"title\", \"text\"}";
  if (!list->is_array()) {
    r.wrong_type("saved_replies", *list, k_shape);
    return out;
  }
  if (list->size() > k_max_saved_replies) {
    r.error("saved_replies", fmt::format("{} saved replies is too many for a {} (at most {})", list->size(), where,
                                         k_max_saved_replies));
    return out;
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = element_path("saved_replies", i);
    const Json& item = (*list)[i];
    if (!item.is_object()) {
      r.wrong_type(p, item, "a saved reply {\"id\", \"title\", \"text\"}");
      continue;
    }
    r.check_members(item, p, {"id", "title", "text"});
    SavedReply reply;
    reply.id = r.text(item, p, "id", true, "lowercase letters, digits, - and _").value_or("");
    if (!reply.id.empty() && !is_saved_reply_id(reply.id))
      r.error(member_path(p, "id"),
              fmt::format("\"{}\" is not a valid saved reply id: use lowercase letters, digits, - and _ (at most 64)",
                          reply.id));
    else if (!reply.id.empty() && !ids.insert(reply.id).second)
      r.error(member_path(p, "id"), fmt::format("saved reply \"{}\" appears twice in this {}", reply.id, where));
    reply.title = r.text(item, p, "title", true, "what the panel lists it as").value_or(reply.id);
    if (code_points(reply.title) > k_max_saved_reply_title)
      r.error(member_path(p, "title"), fmt::format("the title has {} characters; keep it to one line (at most {})",
                                                   code_points(reply.title), k_max_saved_reply_title));
    reply.text = r.text(item, p, "text", true, "what goes into the reply box").value_or("");
    if (reply.text.size() > scoring::k_max_reply_bytes)
      r.error(member_path(p, "text"),
              fmt::format("the text is {} bytes, more than the {} a trainee can send in one reply", reply.text.size(),
                          scoring::k_max_reply_text));
    reply.at = r.doc().pos(member_path(p, "text"));
    out.push_back(std::move(reply));
  }
  return out;
}

std::string fill_case_refs(const Scenario& scenario, std::string_view text, std::vector<std::string>* unknown) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = text.find(k_ref_open, at);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    const std::string_view ref = text.substr(open + k_ref_open.size(), close - open - k_ref_open.size());
    out.append(text.substr(at, open - at));
    const std::size_t dot = ref.find('.');
    const std::string* value = nullptr;
    if (dot != std::string_view::npos)
      for (const auto& sec : scenario.case_data)
        if (sec.id == ref.substr(0, dot))
          for (const auto& f : sec.fields)
            if (f.id == ref.substr(dot + 1)) value = &f.value;
    if (value) {
      out += *value;
    } else {
      out.append(text.substr(open, close + 1 - open));
      if (unknown) unknown->emplace_back(ref);
    }
    at = close + 1;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace chatdrill::engine
