// Headless harness implementation (compiled into app_tests).
#include "headless.h"

#include <imgui.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

namespace chatdrill::app::test {

Headless::Headless(const std::string& name, bool keep_data, bool first_start, const LocaleEnv& locale)
    : dir_(std::filesystem::path(CHATDRILL_TEST_TMP) / name) {
  if (!keep_data) std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_ / "config" / "chatdrill");
  std::filesystem::create_directories(dir_ / "data");
  if (!keep_data && !first_start)
    std::ofstream(dir_ / "config" / "chatdrill" / "settings.json") << "{\"format\": \"chatdrill.settings/1\"}\n";
  setenv("XDG_CONFIG_HOME", (dir_ / "config").c_str(), 1);
  setenv("XDG_DATA_HOME", (dir_ / "data").c_str(), 1);
  setenv("CHATDRILL_SCALE", "1", 1);
  context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280, 800);
  io.DeltaTime = 1.0f / 60.0f;
  io.ConfigInputTextCursorBlink = false;
  // The GLFW backend's key numbering, so tests use the same indices as the app.
  const std::pair<ImGuiKey, int> keys[] = {
      {ImGuiKey_Tab, 258},       {ImGuiKey_LeftArrow, 263}, {ImGuiKey_RightArrow, 262}, {ImGuiKey_UpArrow, 265},
      {ImGuiKey_DownArrow, 264}, {ImGuiKey_Home, 268},      {ImGuiKey_End, 269},        {ImGuiKey_Delete, 261},
      {ImGuiKey_Backspace, 259}, {ImGuiKey_Enter, 257},     {ImGuiKey_Escape, 256},     {ImGuiKey_KeyPadEnter, 335},
      {ImGuiKey_A, 65},          {ImGuiKey_C, 67},          {ImGuiKey_V, 86},           {ImGuiKey_X, 88},
      {ImGuiKey_Z, 90},          {ImGuiKey_Space, 32},      {ImGuiKey_PageUp, 266},     {ImGuiKey_PageDown, 267},
      {ImGuiKey_Insert, 260},    {ImGuiKey_Y, 89}};
  for (const auto& [k, v] : keys) io.KeyMap[k] = v;
  io.ClipboardUserData = this;
  io.SetClipboardTextFn = [](void* user, const char* text) { static_cast<Headless*>(user)->clipboard = text; };
  io.GetClipboardTextFn = [](void* user) { return static_cast<Headless*>(user)->clipboard.c_str(); };
  AppOptions options;
  options.seed = 1;
  options.locale = locale;
  // The wall clock starts at the real time (results get plausible dates) and moves with
  // `now` in advance(); exercise tests set it to the moment they need.
  state.wall_now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  init_state(state, options);
  apply_settings(state);
}

Headless::~Headless() {
  ImGui::SetCurrentContext(context_);
  state.sessions.live.reset();
  ImGui::DestroyContext(context_);
}

void Headless::frame() {
  ImGuiIO& io = ImGui::GetIO();
  if (state.platform.fonts_dirty) {
    state.platform.fonts = load_fonts(*io.Fonts, state.settings.values.font_size * state.platform.scale);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    state.platform.fonts_dirty = false;
  }
  tick(state);
  ImGui::NewFrame();
  draw_app(state);
  ImGui::Render();
}

void Headless::advance(double seconds) {
  for (double left = seconds; left > 0; left -= 1.0) {
    const double step = left < 1.0 ? left : 1.0;
    state.now += step;
    state.wall_now += step;
    frame();
  }
}

void Headless::type(const std::string& utf8) {
  ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
  frame();
}

void Headless::type_with_emoji_keeper(const std::string& utf8) {
  for (std::size_t i = 0; i < utf8.size();)
    ImGui::GetIO().AddInputCharacter(state.platform.emoji.to_input(next_code_point(utf8, i)));
  frame();
}

void Headless::press(int imgui_key, bool shift, bool ctrl) {
  ImGuiIO& io = ImGui::GetIO();
  int index = io.KeyMap[imgui_key];
  io.KeysDown[index] = true;
  io.KeyShift = shift;
  io.KeyCtrl = ctrl;
  frame();
  io.KeysDown[index] = false;  // released in its own frame, as a real key would be
  io.KeyShift = false;
  io.KeyCtrl = false;
  frame();
}

void Headless::click_at(ImVec2 at, int button) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = at;
  frame();
  io.MouseDown[button] = true;
  frame();
  io.MouseDown[button] = false;
  frame();
}

void Headless::double_click_at(ImVec2 at) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = at;
  frame();
  for (int i = 0; i < 2; ++i) {
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
  }
}

void Headless::drag(ImVec2 from, ImVec2 to) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = from;
  frame();
  io.MouseDown[0] = true;
  frame();
  for (int i = 1; i <= 4; ++i) {
    io.MousePos = ImVec2(from.x + (to.x - from.x) * static_cast<float>(i) / 4,
                         from.y + (to.y - from.y) * static_cast<float>(i) / 4);
    frame();
  }
  io.MouseDown[0] = false;
  frame();
}

void Headless::press_enter(bool shift) { press(ImGuiKey_Enter, shift); }

void Headless::press_index(int index, bool ctrl) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[index] = true;
  io.KeyCtrl = ctrl;
  frame();
  io.KeysDown[index] = false;
  io.KeyCtrl = false;
  frame();
}

void Headless::click(const std::string& item) {
  for (int i = 0; i < 3 && !visible(item); ++i) frame();  // popups appear a frame late
  REQUIRE_MESSAGE(visible(item), "not on screen: " << item);
  ImGuiIO& io = ImGui::GetIO();
  const auto& r = state.driver.items.at(item);
  io.MousePos = ImVec2((r.min.x + r.max.x) / 2, (r.min.y + r.max.y) / 2);
  frame();
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  frame();
}

void Headless::add_scenario_folder(const std::string& folder) {
  click("menu.trainer");
  click("menu.folders");
  click("home.folder.input");
  type(folder);
  click("home.folder.add");
  frames(1);  // the list grew: the Close button moved down
  click("folders.close");
}

void Headless::start(const std::string& scenario_id) {
  frames(2);
  click("home.search");
  type(scenario_id);
  frames(2);
  click("home.start." + scenario_id);
  REQUIRE(state.screen == Screen::session);
  REQUIRE(state.sessions.live);
  frames(2);  // the reply box takes focus on the next frame
}

void Headless::wait_for_customer() {
  for (int i = 0; i < 120; ++i) {
    const auto& msgs = state.sessions.live->session().transcript().messages;
    bool spoke = !msgs.empty() && msgs.back().from == "customer" && msgs.back().kind == "message";
    if (spoke && !state.sessions.live->session().customer().typing) return;
    advance(0.5);
  }
  FAIL("the customer never spoke");
}

std::vector<std::string> Headless::trainee_messages() const {
  std::vector<std::string> out;
  const scoring::Transcript* t = state.sessions.live     ? &state.sessions.live->session().transcript()
                                 : state.sessions.review ? &state.sessions.review->result.transcript
                                                         : nullptr;
  if (t)
    for (const auto& m : t->messages)
      if (m.is_trainee_message()) out.push_back(m.text);
  return out;
}

}  // namespace chatdrill::app::test
