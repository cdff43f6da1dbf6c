// The desktop app's main: set up GLFW and ImGui, loop (wait for work, tick the engine, draw
// a few frames after each change, render), tear down. Everything else lives in ui/,
// screens/ and widgets/. Idle policy: draw 3 frames after any event, then block in
// glfwWaitEventsTimeout until input, the persona's next due event or the clock's next second.
#include "app.h"
#include "window.h"

#include "screens/screens.h"
#include "ui/args.h"
#include "ui/driver.h"
#include "ui/theme.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace chatdrill::app {
namespace {

using Clock = std::chrono::steady_clock;

void on_glfw_error(int code, const char* text) {
  if (std::getenv("CHATDRILL_DEBUG")) std::fprintf(stderr, "chatdrill: glfw error 0x%x: %s\n", code, text);
}

int no_display(const std::string& reason) {
  std::fprintf(stderr,
               "chatdrill: no display found (%s): run headless commands like `chatdrill play`, or use xvfb-run\n",
               reason.c_str());
  return 1;
}

// Under CHATDRILL_BENCH, how long each start-up phase took (stderr).
void phase(const char* name, Clock::time_point t0) {
  if (std::getenv("CHATDRILL_BENCH"))
    std::fprintf(stderr, "chatdrill: %s done after %.1f ms\n", name,
                 std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
}

void rebuild_fonts(AppState& state, Window& window) {
  state.platform.fonts = load_fonts(*ImGui::GetIO().Fonts, state.settings.values.font_size * state.platform.scale);
  if (!state.platform.fonts.warning.empty())
    std::fprintf(stderr, "chatdrill: %s\n", state.platform.fonts.warning.c_str());
  window.upload_fonts();
  state.platform.fonts_dirty = false;
}

// The locale variables, read here once so nothing below main reads the environment for them.
LocaleEnv locale_from_environment() {
  auto var = [](const char* name) {
    const char* v = std::getenv(name);
    return std::string(v ? v : "");
  };
  return {var("LC_ALL"), var("LC_MESSAGES"), var("LANG")};
}

}  // namespace

// The wall clock in Unix seconds; the only place the app reads it (AppState::wall_now).
static double wall_clock_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int run(int argc, char** argv) {
  const auto t0 = Clock::now();
  const double wall0 = wall_clock_now();
  // [Arguments and display]
  ParsedArgs args = parse_args(argc, argv);
  if (args.help) return std::fputs(usage(), stdout), 0;
  if (!args.error.empty()) return std::fprintf(stderr, "%s\n%s", args.error.c_str(), usage()), 2;
  args.options.locale = locale_from_environment();
  if (auto reason = missing_display_reason(); !reason.empty()) return no_display(reason);
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) return no_display("the X server did not answer");
  Driver driver;
  bool driving = !args.options.drive_script.empty();
  if (driving) {
    if (auto err = driver.load(args.options.drive_script, args.options.screenshot_dir); !err.empty())
      return glfwTerminate(), std::fprintf(stderr, "chatdrill: %s\n", err.c_str()), 2;
  }

  // [ImGui context, window, app state]
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::GetIO().ConfigInputTextCursorBlink = !driving;
  int exit_code = 0;
  {
    AppState state;
    state.wall_now = wall0;
    Window window;
    // The library scan and the font atlas (CPU only) load while GLFW and Mesa start up;
    // the window layer touches neither io.Fonts nor AppState until the join.
    float preload_scale = 1.0f;
    std::thread loader([&] {
      init_state(state, args.options);
      preload_scale = effective_scale(state.settings.values, 1.0f);
      state.platform.fonts = load_fonts(*ImGui::GetIO().Fonts, state.settings.values.font_size * preload_scale);
      unsigned char* pixels = nullptr;
      int w = 0, h = 0;
      ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    });
    std::string open_error = window.open(args.options.width, args.options.height, "chatdrill", state.platform.emoji);
    loader.join();
    phase("window, library and fonts", t0);
    if (!open_error.empty()) {
      std::fprintf(stderr, "chatdrill: %s\n", open_error.c_str());
      exit_code = 1;
    } else {
      state.platform.content_scale = window.content_scale();
      apply_settings(state);
      if (!state.platform.fonts.warning.empty())
        std::fprintf(stderr, "chatdrill: %s\n", state.platform.fonts.warning.c_str());
      window.create_device_objects();  // shaders and the font texture
      state.platform.fonts_dirty = state.platform.scale != preload_scale;
      bool first_frame = true;
      int frames_left = 3, last_second = -1;

      // [Main loop]
      while (!state.platform.quit && !window.should_close()) {
        if (driving || frames_left > 0) window.poll();
        else window.wait(seconds_until_wake(state));
        if (window.take_activity()) {
          frames_left = 3;
          // Moved to a monitor with another scale (HiDPI): rebuild fonts and sizes.
          if (float cs = window.content_scale(); cs != state.platform.content_scale)
            state.platform.content_scale = cs, apply_settings(state);
        }
        // The two clocks, owned here and passed down in AppState: virtual under --drive.
        state.now = driving ? driver.now() : std::chrono::duration<double>(Clock::now() - t0).count();
        state.wall_now = driving ? wall0 + state.now : wall_clock_now();
        if (tick(state)) frames_left = std::max(frames_left, 2);
        int second = static_cast<int>(std::floor(session_time(state)));
        if (state.sessions.live && second != last_second) frames_left = std::max(frames_left, 1), last_second = second;
        if (state.platform.fonts_dirty) rebuild_fonts(state, window), phase("fonts", t0);
        if (!driving && frames_left <= 0) continue;

        // [Frame]
        window.begin_frame();
        if (driving) driver.before_frame(state, ImGui::GetIO());
        ImGui::NewFrame();
        draw_app(state);
        ImGui::Render();
        auto shot = driving ? driver.take_screenshot_request() : std::nullopt;
        if (auto err = window.end_frame(ImGui::ColorConvertU32ToFloat4(palette(state.platform.dark).background),
                                        shot.value_or(""));
            !err.empty())
          std::fprintf(stderr, "chatdrill: %s\n", err.c_str());
        --frames_left;
        if (first_frame && std::getenv("CHATDRILL_BENCH"))
          std::fprintf(stderr, "chatdrill: first frame after %.1f ms\n",
                       std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        first_frame = false;
        if (driving && !driver.error().empty()) {
          std::fprintf(stderr, "chatdrill: %s\n", driver.error().c_str());
          exit_code = 1;
          break;
        }
        if (driving && driver.done()) break;
      }
    }
  }

  // [Teardown]
  ImGui::DestroyContext();
  glfwTerminate();
  return exit_code;
}

}  // namespace chatdrill::app
