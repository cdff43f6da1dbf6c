// Keyboard shortcuts (issue 15, part 2). Dear ImGui 1.86 names only the keys text editing
// needs (ImGuiKey_Enter, ...); the rest are read at the index the GLFW backend writes into
// io.KeysDown, which is GLFW's key code. Headless tests and drive scripts press the same.
//
//   F1            help: every shortcut            Ctrl+,   settings
//   Enter (Home)  start the suggested scenario    Ctrl+E   end the chat (then Enter / Escape)
//   Up / Down (Review)  previous / next evidence  Tab, Space: move between and press buttons
//   Alt+1..Alt+9 (Session)  put saved reply 1..9 into the reply box
#pragma once

#include <imgui.h>

namespace chatdrill::app {

inline constexpr int k_key_f1 = 290;    // GLFW_KEY_F1
inline constexpr int k_key_comma = 44;  // GLFW_KEY_COMMA
inline constexpr int k_key_e = 69;      // GLFW_KEY_E
inline constexpr int k_key_1 = 49;      // GLFW_KEY_1 (.. GLFW_KEY_9 = 57): Alt+1..9 saved replies

// A key pressed this frame (no repeat), for shortcuts with Ctrl.
inline bool ctrl_pressed(int key) { return ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(key, false); }
// A key pressed this frame while no text box has the keyboard.
inline bool free_key_pressed(int key) { return !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(key, false); }
// The backend index of a named key (ImGuiKey_Enter...).
inline int key(ImGuiKey k) { return ImGui::GetIO().KeyMap[k]; }

}  // namespace chatdrill::app
