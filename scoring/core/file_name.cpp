// File-name parts through ICU's Latin-ASCII transliterator; see file_name.h.
#include "file_name.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

#include "utf8.h"

namespace chatdrill::scoring {

namespace {

constexpr std::size_t k_max_part = 40;

// Creating a transliterator parses its rules (about a millisecond): once per process. ICU
// does not promise that one instance may be used by two threads at once, hence the lock.
struct LatinAscii {
  std::unique_ptr<icu::Transliterator> transliterator;
  std::mutex lock;
  LatinAscii() {
    UErrorCode status = U_ZERO_ERROR;
    transliterator.reset(icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) transliterator.reset();
  }
  std::string operator()(const std::string& text) {
    auto u = icu::UnicodeString::fromUTF8(text);
    if (transliterator) {
      const std::lock_guard<std::mutex> hold(lock);
      transliterator->transliterate(u);
    }
    std::string out;
    return u.toUTF8String(out);
  }
};

LatinAscii& latin_ascii() {
  static LatinAscii instance;
  return instance;
}

}  // namespace

std::string file_name_part(std::string_view text, std::string_view fallback) {
  const std::string ascii = latin_ascii()(sanitize_utf8(text));
  std::string out;
  for (std::size_t i = 0; i < ascii.size() && out.size() < k_max_part;) {
    const std::uint32_t cp = next_code_point(ascii, i);
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) out += static_cast<char>(cp);
    else if (cp >= 'A' && cp <= 'Z') out += static_cast<char>(cp - 'A' + 'a');
    else if (!out.empty() && out.back() != '-') out += '-';  // spaces, punctuation, other scripts
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > k_max_part) out.resize(k_max_part);
  return out.empty() ? std::string(fallback) : out;
}

}  // namespace chatdrill::scoring
