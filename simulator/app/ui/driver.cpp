// The --drive step machine: each step takes one or more frames (a click is move, press,
// release; a key is press then release) so ImGui sees input as it would from a person.
#include "driver.h"
#include "keys.h"

#include "scoring/core/json_doc.h"
#include "simulator/engine/files.h"

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

namespace chatdrill::app {

std::vector<DriveStep> parse_drive_script(const std::string& text, const std::string& file, std::string& error) {
  static const char* ops[] = {"wait-frames",     "advance", "sleep-ms",   "type",          "key",
                              "click",           "hover",   "screenshot", "expect-screen", "expect-min-messages",
                              "expect-evidence", "rects",   "quit"};
  std::vector<DriveStep> steps;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    auto space = line.find(' ', start);
    DriveStep step{line.substr(start, space - start), space == std::string::npos ? "" : line.substr(space + 1), n};
    bool known = false;
    for (const char* op : ops) known |= step.op == op;
    if (!known) {
      error = file + ":" + std::to_string(n) + ": unknown step \"" + step.op + "\"";
      return {};
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

Driver::Driver(std::vector<DriveStep> steps, std::string screenshot_dir)
    : steps_(std::move(steps)), dir_(std::move(screenshot_dir)) {}

std::string Driver::load(const std::string& path, const std::string& screenshot_dir) {
  std::string error;
  auto text = scoring::read_text_file(path, error);
  if (!text) return error.empty() ? path + ": cannot read" : error;
  auto steps = parse_drive_script(*text, path, error);
  if (!error.empty()) return error;
  *this = Driver(std::move(steps), screenshot_dir);
  return {};
}

int key_index(const ImGuiIO& io, const std::string& name) {
  static const std::pair<const char*, ImGuiKey> keys[] = {{"enter", ImGuiKey_Enter},
                                                          {"backspace", ImGuiKey_Backspace},
                                                          {"tab", ImGuiKey_Tab},
                                                          {"escape", ImGuiKey_Escape},
                                                          {"delete", ImGuiKey_Delete},
                                                          {"left", ImGuiKey_LeftArrow},
                                                          {"right", ImGuiKey_RightArrow},
                                                          {"up", ImGuiKey_UpArrow},
                                                          {"down", ImGuiKey_DownArrow},
                                                          {"home", ImGuiKey_Home},
                                                          {"end", ImGuiKey_End},
                                                          {"a", ImGuiKey_A},
                                                          {"c", ImGuiKey_C},
                                                          {"v", ImGuiKey_V},
                                                          {"x", ImGuiKey_X},
                                                          {"z", ImGuiKey_Z}};
  for (const auto& [n, k] : keys)
    if (name == n) return io.KeyMap[k];
  if (name == "f1") return k_key_f1;
  if (name == "comma") return k_key_comma;
  if (name == "e") return k_key_e;
  if (name.size() == 1 && name[0] >= '1' && name[0] <= '9') return k_key_1 + (name[0] - '1');
  return -1;
}

std::string Driver::resolve(const std::string& path) const {
  std::filesystem::path p(path);
  return (p.is_absolute() || dir_.empty() ? p : std::filesystem::path(dir_) / p).string();
}

void Driver::fail(const DriveStep& step, const std::string& message) {
  error_ = "drive:" + std::to_string(step.line) + ": " + step.op + " " + step.arg + ": " + message;
  pc_ = steps_.size();
}

bool Driver::run_instant(AppState& s) {
  const DriveStep& step = steps_[pc_];
  if (step.op == "sleep-ms") {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(step.arg.c_str())));
  } else if (step.op == "expect-screen") {
    static const char* names[] = {"home", "session", "review", "settings", "exercise", "trainer"};
    std::string now = names[static_cast<int>(s.screen)];
    if (now != step.arg) return fail(step, "screen is " + now), false;
  } else if (step.op == "expect-min-messages") {
    const scoring::Transcript* t = s.sessions.live     ? &s.sessions.live->session().transcript()
                                   : s.sessions.review ? &s.sessions.review->result.transcript
                                                       : nullptr;
    std::size_t n = 0;
    if (t)
      for (const auto& m : t->messages) n += m.is_trainee_message();
    if (n < static_cast<std::size_t>(std::atoi(step.arg.c_str())))
      return fail(step, "only " + std::to_string(n) + " trainee messages"), false;
  } else if (step.op == "rects") {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    scoring::Json items = scoring::Json::object();
    for (const auto& [key, r] : s.driver.items) items[key] = {r.min.x, r.min.y, r.max.x, r.max.y};
    const scoring::Json doc = {{"display", {display.x, display.y}}, {"items", std::move(items)}};
    if (auto err = engine::write_file_atomic(resolve(step.arg), doc.dump(1) + "\n"); !err.empty())
      return fail(step, err), false;
  } else if (step.op == "expect-evidence") {
    bool found = false;
    if (s.sessions.review)
      for (const auto& d : s.sessions.review->result.grade.dimensions)
        for (const auto& e : d.evidence) found |= e.rule == step.arg;
    if (!found) return fail(step, "the review's grade has no such evidence"), false;
  } else {
    return false;
  }
  ++pc_;
  return true;
}

void Driver::before_frame(AppState& s, ImGuiIO& io) {
  // Held input is re-applied every frame: the platform backend rewrites the mouse.
  auto apply = [&] {
    if (mouse_) io.MousePos = *mouse_;
    io.MouseDown[0] = mouse_down_;
    if (key_down_ >= 0) io.KeysDown[key_down_] = true;
    io.KeyShift = shift_;
    io.KeyCtrl = ctrl_;
    io.KeyAlt = alt_;
  };
  if (key_down_ >= 0 && phase_ == 1) {  // release the key pressed last frame
    io.KeysDown[key_down_] = false;
    key_down_ = -1;
    shift_ = ctrl_ = alt_ = false;
    phase_ = 0;
    ++pc_;
    apply();
    return;
  }
  if (wait_ > 0) {
    --wait_;
    apply();
    return;
  }
  while (pc_ < steps_.size() && run_instant(s)) {}
  if (pc_ >= steps_.size()) return apply();
  const DriveStep& step = steps_[pc_];
  if (step.op == "wait-frames") {
    wait_ = std::max(0, std::atoi(step.arg.c_str()) - 1);
    ++pc_;
  } else if (step.op == "advance") {
    now_ += std::atof(step.arg.c_str());
    ++pc_;
  } else if (step.op == "type") {
    for (std::size_t i = 0; i < step.arg.size();)
      io.AddInputCharacter(s.platform.emoji.to_input(next_code_point(step.arg, i)));
    ++pc_;
  } else if (step.op == "key") {
    std::string name = step.arg;
    for (const char* mod : {"shift+", "ctrl+", "alt+"}) {
      if (name.rfind(mod, 0) == 0) {
        (mod[0] == 's' ? shift_ : mod[0] == 'c' ? ctrl_ : alt_) = true;
        name = name.substr(std::string(mod).size());
      }
    }
    key_down_ = key_index(io, name);
    if (key_down_ < 0) return fail(step, "unknown key");
    phase_ = 1;
  } else if (step.op == "click") {
    auto it = s.driver.items.find(step.arg);
    if (it == s.driver.items.end()) {
      if (++retries_ > 240) fail(step, "no such item on screen");
      return apply();
    }
    retries_ = 0;
    ImVec2 c((it->second.min.x + it->second.max.x) / 2, (it->second.min.y + it->second.max.y) / 2);
    if (phase_ == 0) mouse_ = c, mouse_down_ = false, phase_ = 1;
    else if (phase_ == 1) mouse_down_ = true, phase_ = 2;
    else mouse_down_ = false, phase_ = 0, ++pc_;
  } else if (step.op == "hover") {
    std::istringstream args(step.arg);
    std::string item;
    float fx = 0.5f, fy = 0.5f;
    args >> item;
    if (!(args >> fx)) fx = 0.5f;
    if (!(args >> fy)) fy = 0.5f;
    auto it = s.driver.items.find(item);
    if (it == s.driver.items.end()) {
      if (++retries_ > 240) fail(step, "no such item on screen");
      return apply();
    }
    retries_ = 0;
    const ItemRect& r = it->second;
    mouse_ = ImVec2(r.min.x + (r.max.x - r.min.x) * fx, r.min.y + (r.max.y - r.min.y) * fy);
    mouse_down_ = false;
    ++pc_;
  } else if (step.op == "screenshot") {
    if (phase_ < 2) {
      ++phase_;  // let layout settle for two frames
    } else {
      shot_ = resolve(step.arg);
      phase_ = 0;
      ++pc_;
    }
  } else if (step.op == "quit") {
    s.platform.quit = true;
    pc_ = steps_.size();
  }
  apply();
}

std::optional<std::string> Driver::take_screenshot_request() {
  auto shot = std::move(shot_);
  shot_.reset();
  return shot;
}

}  // namespace chatdrill::app
