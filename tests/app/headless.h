// A headless ImGui harness for the app's screens: an ImGui context with a built font
// atlas and no GL, fresh config/data folders per test, and input helpers that inject
// keys, characters and clicks through ImGuiIO one frame at a time, as a person would.
#pragma once

#include "simulator/app/screens/screens.h"
#include "simulator/app/ui/app_state.h"

#include <doctest/doctest.h>

#include <imgui.h>

#include <filesystem>
#include <string>

namespace chatdrill::app::test {

class Headless {
 public:
  // `name` picks the scratch folder (wiped); keep_data reuses the folder of an earlier run.
  // A new folder gets a settings file, so the app starts past the first-run welcome, unless
  // `first_start` (then `locale` stands for the system's LC_ALL/LC_MESSAGES/LANG).
  explicit Headless(const std::string& name, bool keep_data = false, bool first_start = false,
                    const LocaleEnv& locale = {});
  ~Headless();
  Headless(const Headless&) = delete;
  Headless& operator=(const Headless&) = delete;

  // One frame: tick, NewFrame, draw_app, Render.
  void frame();
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
  }
  // Moves the app clock (and ticks the engine) by `seconds`, one frame per second.
  void advance(double seconds);
  void type(const std::string& utf8);                                // io.AddInputCharactersUTF8, one frame
  void type_with_emoji_keeper(const std::string& utf8);              // as the window layer does
  void press(int imgui_key, bool shift = false, bool ctrl = false);  // key down one frame, up the next
  void press_ctrl(int imgui_key, bool shift = false) { press(imgui_key, shift, true); }
  void press_enter(bool shift = false);
  // A key by its backend index (GLFW key code, simulator/app/ui/keys.h), with Ctrl held.
  void press_index(int index, bool ctrl = false);
  // Clicks the centre of a tracked item: move, press, release (3 frames). Fails the test
  // if the item is not on screen.
  void click(const std::string& item);
  bool visible(const std::string& item) const { return state.driver.items.count(item) > 0; }
  // The mouse at a point: a click (move, press, release), a double-click, a right-click, a
  // drag from one point to another (press, move, release).
  void click_at(ImVec2 at, int button = 0);
  void double_click_at(ImVec2 at);
  void drag(ImVec2 from, ImVec2 to);
  const ItemRect& rect(const std::string& item) const { return state.driver.items.at(item); }
  // Starts a bundled scenario from Home by clicking its Start button.
  // Adds a scenario folder as a trainer does: For trainers > Scenario folders, type, Add, Close.
  void add_scenario_folder(const std::string& folder);
  void start(const std::string& scenario_id);
  // Advances until the customer has said something and is not typing (at most 60 s).
  void wait_for_customer();

  const std::filesystem::path& dir() const { return dir_; }
  std::string draft() const { return state.sessions.live ? state.sessions.live->composer.draft : std::string(); }
  std::vector<std::string> trainee_messages() const;

  AppState state;
  std::string clipboard;  // what ImGui::SetClipboardText wrote (io.SetClipboardTextFn)

 private:
  std::filesystem::path dir_;
  ImGuiContext* context_ = nullptr;
};

}  // namespace chatdrill::app::test
