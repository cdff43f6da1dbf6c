// UI string tables (assets/strings/<lang>.json): every label the app shows comes from here,
// so a translator edits data, not code. Knows nothing about ImGui or the engine.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <unordered_map>

namespace chatdrill::app {

class Strings {
 public:
  // Loads a `chatdrill.strings/1` file; on failure keeps the old table and returns a
  // `file:line:col: message` diagnostic (empty on success).
  std::string load(const std::string& path);
  // The string for `key`; the key itself when missing, so a gap is visible but harmless.
  const char* get(std::string_view key) const;
  bool has(std::string_view key) const { return table_.count(std::string(key)) > 0; }
  const char* operator()(std::string_view key) const { return get(key); }
  // Formats a string with `{}` placeholders; a broken translation shows the raw string.
  template <typename... Args>
  std::string format(std::string_view key, Args&&... args) const {
    try {
      return fmt::format(fmt::runtime(get(key)), std::forward<Args>(args)...);
    } catch (const fmt::format_error&) { return get(key); }
  }
  const std::string& language() const { return language_; }
  std::size_t size() const { return table_.size(); }

 private:
  std::string language_;
  std::unordered_map<std::string, std::string> table_;
  mutable std::unordered_map<std::string, std::string> missing_;
};

// assets/strings/<lang>.json under the data root.
std::string strings_path(const std::string& language);

}  // namespace chatdrill::app
