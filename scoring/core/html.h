// Text for HTML pages we write (the trainer report, a session's printable summary): every
// piece that came from a trainee, a customer or a file goes through html_escape.
#pragma once

#include <string>
#include <string_view>

namespace chatdrill::scoring {

// Escapes & < > " ' for text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace chatdrill::scoring
