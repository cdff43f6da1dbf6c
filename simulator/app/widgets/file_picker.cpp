// The file picker: listing (std::filesystem with error codes, so a folder that cannot be
// read is a message, never an exception), navigation, and the ImGui modal with its keys.
#include "file_picker.h"

#include "controls.h"

#include "simulator/app/ui/emoji.h"
#include "simulator/app/ui/strings.h"
#include "simulator/app/ui/theme.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <system_error>

namespace chatdrill::app {
namespace fs = std::filesystem;

namespace {

constexpr int k_key_l = 76;  // GLFW_KEY_L (ui/keys.h explains the numbering)

std::string folded(const std::string& s) {
  std::string out = s;
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with_folded(const std::string& name, const std::string& ext) {
  return name.size() >= ext.size() && folded(name.substr(name.size() - ext.size())) == folded(ext);
}

ListError error_kind(const std::error_code& ec) {
  if (ec == std::errc::permission_denied) return ListError::denied;
  if (ec == std::errc::no_such_file_or_directory) return ListError::not_found;
  if (ec == std::errc::not_a_directory) return ListError::not_a_folder;
  return ListError::other;
}

// "/a/b/" and "/a/./b" as "/a/b"; relative paths made absolute.
fs::path tidy(const fs::path& p) {
  std::error_code ec;
  fs::path out = fs::absolute(p, ec);
  if (ec) out = p;
  out = out.lexically_normal();
  if (!out.has_filename() && out != out.root_path()) out = out.parent_path();
  return out;
}

}  // namespace

FolderListing list_folder(const fs::path& folder, const std::string& extension, bool folders_only) {
  FolderListing out;
  std::error_code ec;
  const auto status = fs::status(folder, ec);
  if (status.type() == fs::file_type::not_found) return out.error = ListError::not_found, out;
  if (ec) return out.error = error_kind(ec), out.detail = ec.message(), out;
  if (!fs::is_directory(status)) return out.error = ListError::not_a_folder, out;
  fs::directory_iterator it(folder, ec);
  if (ec) return out.error = error_kind(ec), out.detail = ec.message(), out;
  std::vector<PickerEntry> folders, files;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::string name = it->path().filename().string();
    if (name.empty() || name.front() == '.') continue;  // hidden
    std::error_code entry_ec;
    if (it->is_directory(entry_ec)) folders.push_back({name, true});
    else if (entry_ec) continue;  // a broken link or a vanished file
    else if (!folders_only && (extension.empty() || ends_with_folded(name, extension))) files.push_back({name, false});
    else ++out.other_files;
  }
  if (ec) out.error = error_kind(ec), out.detail = ec.message();
  auto by_name = [](const PickerEntry& a, const PickerEntry& b) {
    const std::string fa = folded(a.name), fb = folded(b.name);
    return fa != fb ? fa < fb : a.name < b.name;
  };
  std::sort(folders.begin(), folders.end(), by_name);
  std::sort(files.begin(), files.end(), by_name);
  out.entries = std::move(folders);
  out.entries.insert(out.entries.end(), files.begin(), files.end());
  return out;
}

void picker_go_to(FilePicker& picker, const fs::path& folder) {
  picker.folder = tidy(folder);
  picker.listing = list_folder(picker.folder, picker.extension, picker.mode == FilePicker::Mode::folder);
  picker.selected = picker.listing.entries.empty() ? -1 : 0;
  picker.scroll_to_selected = true;
  picker.typed = picker.folder.string();
  picker.message.clear();
}

void open_picker(FilePicker& picker, FilePicker::Mode mode, const fs::path& start, const std::string& extension) {
  picker.mode = mode;
  picker.extension = extension;
  picker.picked.clear();
  std::error_code ec;
  fs::path at = start.empty() ? fs::current_path(ec) : tidy(start);
  std::string file;  // a typed file path opens its folder with the file selected
  if (!start.empty() && fs::is_regular_file(at, ec)) file = at.filename().string();
  while (!fs::is_directory(at, ec) && at.has_parent_path() && at.parent_path() != at) at = at.parent_path();
  picker_go_to(picker, at);
  for (std::size_t i = 0; i < picker.listing.entries.size(); ++i)
    if (!file.empty() && picker.listing.entries[i].name == file) picker.selected = static_cast<int>(i);
  picker.want_open = true;
}

void picker_go_up(FilePicker& picker) {
  const fs::path parent = picker.folder.parent_path();
  if (parent.empty() || parent == picker.folder) return;
  const std::string child = picker.folder.filename().string();
  picker_go_to(picker, parent);
  for (std::size_t i = 0; i < picker.listing.entries.size(); ++i)
    if (picker.listing.entries[i].folder && picker.listing.entries[i].name == child)
      picker.selected = static_cast<int>(i);
}

bool picker_activate(FilePicker& picker) {
  if (picker.selected < 0 || picker.selected >= static_cast<int>(picker.listing.entries.size())) return false;
  const auto& e = picker.listing.entries[static_cast<std::size_t>(picker.selected)];
  const fs::path path = picker.folder / e.name;
  if (e.folder) {
    picker_go_to(picker, path);
    return false;
  }
  picker.picked = path.string();
  return true;
}

bool picker_take_typed(FilePicker& picker) {
  std::string typed = clean_input(picker.typed);
  while (!typed.empty() && typed.back() == ' ') typed.pop_back();
  if (typed.empty()) return false;
  fs::path path = typed;
  if (path.is_relative()) path = picker.folder / path;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    picker_go_to(picker, path);
    return false;
  }
  if (picker.mode == FilePicker::Mode::file && fs::is_regular_file(path, ec)) {
    picker.picked = tidy(path).string();
    return true;
  }
  picker.message = typed;  // shown as "no such file or folder"
  return false;
}

namespace {

using Track = std::function<void(const std::string&)>;

std::string listing_error(const FilePicker& picker, const Strings& text) {
  const std::string where = display_text(picker.folder.string());
  switch (picker.listing.error) {
    case ListError::none: return {};
    case ListError::not_found: return text.format("picker.not_found", where);
    case ListError::not_a_folder: return text.format("picker.not_a_folder", where);
    case ListError::denied: return text.format("picker.denied", where);
    case ListError::other: return text.format("picker.unreadable", where, picker.listing.detail);
  }
  return {};
}

void path_row(FilePicker& picker, const Strings& text, const Track& track) {
  const bool at_root = picker.folder.parent_path() == picker.folder || picker.folder.parent_path().empty();
  if (at_root) ImGui::BeginDisabled();
  if (ImGui::Button((std::string(text("picker.up")) + "##picker_up").c_str())) picker_go_up(picker);
  if (at_root) ImGui::EndDisabled();
  track("picker.up");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (picker.focus_path) ImGui::SetKeyboardFocusHere(), picker.focus_path = false;
  const bool enter = ImGui::InputTextWithHint("##picker_path", text("picker.path_hint"), &picker.typed,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  track("picker.path");
  if (enter && picker_take_typed(picker)) picker.open = false;  // a typed file: picked
}

// The folder's entries, clipped (a folder of thousands draws only what shows); true when
// an entry was double-clicked (opened or picked after the list is drawn).
bool entry_list(FilePicker& picker, const Strings& text, const Palette& p, const Track& track, float height) {
  const std::string error = listing_error(picker, text);
  if (!error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.danger_v);
    wrapped_text(error);
    ImGui::PopStyleColor();
    track("picker.error");
  }
  if (!picker.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.danger_v);
    wrapped_text(text.format("picker.typed_not_found", display_text(picker.message)));
    ImGui::PopStyleColor();
    track("picker.message");
  }
  ImGui::BeginChild("##picker_list", ImVec2(0, height), true, ImGuiWindowFlags_NoNavInputs);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  if (picker.scroll_to_selected && picker.selected >= 0) {
    const float y = line * static_cast<float>(picker.selected), top = ImGui::GetScrollY();
    const float h = ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y * 2;
    if (y < top) ImGui::SetScrollY(y);
    else if (y + line > top + h) ImGui::SetScrollY(y + line - h);
  }
  picker.scroll_to_selected = false;
  const auto& entries = picker.listing.entries;
  bool double_clicked = false;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(entries.size()), line);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& e = entries[static_cast<std::size_t>(i)];
      ImGui::PushID(i);
      const bool selected = picker.selected == i;  // filled, so it differs from a hovered row
      if (selected) {
        ImGui::PushStyleColor(ImGuiCol_Header, ImGui::ColorConvertU32ToFloat4(p.accent_fill));
        ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImGui::ColorConvertU32ToFloat4(p.accent_fill));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.on_accent));
      }
      const std::string name = display_text(e.name) + (e.folder ? "/" : "");
      if (ImGui::Selectable(name.c_str(), selected,
                            ImGuiSelectableFlags_AllowDoubleClick | ImGuiSelectableFlags_DontClosePopups)) {
        picker.selected = i;
        double_clicked = ImGui::IsMouseDoubleClicked(0);
      }
      if (selected) ImGui::PopStyleColor(3);
      track("picker.entry." + std::to_string(i));
      ImGui::PopID();
    }
  }
  if (entries.empty() && picker.listing.error == ListError::none)
    ImGui::TextDisabled("%s", text(picker.listing.other_files ? "picker.no_match" : "picker.empty"));
  ImGui::EndChild();
  if (picker.listing.other_files)
    muted_text(text.format(picker.mode == FilePicker::Mode::folder ? "picker.files_here" : "picker.other_files",
                           picker.listing.other_files, picker.extension),
               p);
  return double_clicked;
}

// Up/Down, Enter, Backspace, Ctrl+L/Tab and Ctrl+Enter while the path field is not edited.
bool picker_keys(FilePicker& picker) {
  const ImGuiIO& io = ImGui::GetIO();
  const auto pressed = [&](ImGuiKey k, bool repeat) { return ImGui::IsKeyPressed(io.KeyMap[k], repeat); };
  if (picker.mode == FilePicker::Mode::folder && io.KeyCtrl && pressed(ImGuiKey_Enter, false)) {
    picker.picked = picker.folder.string();
    return true;
  }
  if (io.WantTextInput) return false;  // the path field has the keys
  const int n = static_cast<int>(picker.listing.entries.size());
  if (pressed(ImGuiKey_DownArrow, true) && n)
    picker.selected = std::min(picker.selected + 1, n - 1), picker.scroll_to_selected = true;
  if (pressed(ImGuiKey_UpArrow, true) && n)
    picker.selected = std::max(picker.selected - 1, 0), picker.scroll_to_selected = true;
  if (pressed(ImGuiKey_Backspace, false)) picker_go_up(picker);
  if (pressed(ImGuiKey_Tab, false) || (io.KeyCtrl && ImGui::IsKeyPressed(k_key_l, false))) picker.focus_path = true;
  if (!io.KeyCtrl && pressed(ImGuiKey_Enter, false)) return picker_activate(picker);
  return false;
}

}  // namespace

bool draw_file_picker(FilePicker& picker, const Strings& text, const Palette& p, const Track& track) {
  const bool folder_mode = picker.mode == FilePicker::Mode::folder;
  const std::string title =
      std::string(text(folder_mode ? "picker.title_folder" : "picker.title_file")) + "###file_picker";
  if (picker.want_open) ImGui::OpenPopup(title.c_str()), picker.want_open = false, picker.open = true;
  if (!picker.open) return false;
  const ImGuiIO& io = ImGui::GetIO();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(fs * 38, io.DisplaySize.x * 0.94f), 0));
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr,
                              ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoNavInputs))
    return picker.open = false;
  bool picked = false;
  path_row(picker, text, track);
  const bool typed_file = !picker.open;  // the path field named a file
  const float list_h = std::clamp(io.DisplaySize.y - fs * 14, fs * 3, fs * 14);
  if (entry_list(picker, text, p, track, list_h)) picked = picker_activate(picker);
  picked = typed_file || picked || picker_keys(picker);
  muted_text(text(folder_mode ? "picker.keys_folder" : "picker.keys"), p);
  const bool has_selection = picker.selected >= 0 && picker.selected < static_cast<int>(picker.listing.entries.size());
  if (folder_mode) {
    if (accent_button((std::string(text("picker.choose_folder")) + "##picker_choose").c_str(), p))
      picker.picked = picker.folder.string(), picked = true;
  } else {
    const bool opens = has_selection && picker.listing.entries[static_cast<std::size_t>(picker.selected)].folder;
    if (!has_selection) ImGui::BeginDisabled();
    if (accent_button(
            (std::string(text(opens ? "picker.open_folder" : "picker.choose_file")) + "##picker_choose").c_str(), p))
      picked = picker_activate(picker) || picked;
    if (!has_selection) ImGui::EndDisabled();
  }
  track("picker.choose");
  ImGui::SameLine();
  const bool cancel = ImGui::Button((std::string(text("picker.cancel")) + "##picker_cancel").c_str()) ||
                      ImGui::IsKeyPressed(io.KeyMap[ImGuiKey_Escape], false);
  track("picker.cancel");
  if (picked || cancel) {
    picker.open = false;
    if (!picked) picker.picked.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return picked;
}

}  // namespace chatdrill::app
