// Test-only input driver for `--drive FILE`: a script of steps played one frame at a time
// by injecting into ImGuiIO (as a user's keys and mouse would), on a virtual clock so
// screenshots are deterministic. Runs in the real app and in headless tests alike.
//
// Script: one step a line, `#` comments. Steps:
//   wait-frames N | advance SECONDS | sleep-ms N | type TEXT | key [shift+|ctrl+|alt+]NAME
//   click ITEM (a key recorded with track()) | hover ITEM [FX FY] (the mouse rests on the
//   item, at fractions FX, FY of its width and height; default its centre; no button)
//   | screenshot PATH | expect-screen NAME
//   expect-min-messages N | expect-evidence RULE (the review's grade has it) | rects PATH | quit
//   (NAME of key: enter, backspace, tab, escape, a..z, 1..9)
// `rects PATH` writes every tracked item of the frame just drawn as JSON
// {"display": [w, h], "items": {"key": [x0, y0, x1, y1]}} (e.g. to crop a screenshot).
#pragma once

#include "app_state.h"

#include <optional>
#include <string>
#include <vector>

namespace chatdrill::app {

struct DriveStep {
  std::string op, arg;
  int line = 0;
};

// Parses a script; errors are `file:line: message`.
std::vector<DriveStep> parse_drive_script(const std::string& text, const std::string& file, std::string& error);

class Driver {
 public:
  Driver() = default;
  explicit Driver(std::vector<DriveStep> steps, std::string screenshot_dir = {});
  std::string load(const std::string& path, const std::string& screenshot_dir);

  // Once per frame, after the platform backend's NewFrame and before ImGui::NewFrame.
  void before_frame(AppState& state, ImGuiIO& io);
  // A screenshot to take of the frame just rendered (consumed by the call).
  std::optional<std::string> take_screenshot_request();

  double now() const { return now_; }
  bool done() const { return pc_ >= steps_.size(); }
  const std::string& error() const { return error_; }

 private:
  bool run_instant(AppState& state);  // expect-*, sleep, rects: no frame needed; false on failure
  void fail(const DriveStep& step, const std::string& message);
  std::string resolve(const std::string& path) const;  // relative paths go under the screenshot folder

  std::vector<DriveStep> steps_;
  std::string dir_, error_;
  std::size_t pc_ = 0;
  double now_ = 0;
  int wait_ = 0, phase_ = 0, retries_ = 0;
  std::optional<ImVec2> mouse_;
  bool mouse_down_ = false;
  int key_down_ = -1;
  bool shift_ = false, ctrl_ = false, alt_ = false;
  std::optional<std::string> shot_;
};

// The ImGuiIO key index for a name (via io.KeyMap), or -1.
int key_index(const ImGuiIO& io, const std::string& name);

}  // namespace chatdrill::app
