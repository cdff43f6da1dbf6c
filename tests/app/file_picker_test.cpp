// The file picker (issue 15, part 9): listing order and filter on a scratch folder tree,
// up and into folders, typed paths, unreadable and missing folders as messages; then in the
// app: Browse… in the File and For trainers prompts, driven by keys, fills the prompt.
#include "headless.h"

#include "simulator/app/widgets/file_picker.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using chatdrill::app::FilePicker;
using chatdrill::app::list_folder;
using chatdrill::app::ListError;
using chatdrill::app::test::Headless;

namespace {

// root/ A_dir/ b_dir/{inner.json} .hidden_dir/ a.JSON z.json notes.txt .hidden.json
fs::path make_tree(const std::string& name) {
  const fs::path root = fs::path(CHATDRILL_TEST_TMP) / name / "tree";
  fs::remove_all(root);
  fs::create_directories(root / "A_dir");
  fs::create_directories(root / "b_dir");
  fs::create_directories(root / ".hidden_dir");
  for (const char* f : {"a.JSON", "z.json", "notes.txt", ".hidden.json", "b_dir/inner.json"})
    std::ofstream(root / f) << "{}\n";
  return root;
}

std::vector<std::string> names(const chatdrill::app::FolderListing& l) {
  std::vector<std::string> out;
  for (const auto& e : l.entries) out.push_back(e.name);
  return out;
}

}  // namespace

TEST_CASE("file picker: folders first, then .json files, by name; hidden entries left out") {
  const auto root = make_tree("picker_list");
  auto files = list_folder(root, ".json", false);
  CHECK(files.error == ListError::none);
  CHECK(names(files) == std::vector<std::string>{"A_dir", "b_dir", "a.JSON", "z.json"});
  CHECK(files.entries[0].folder);
  CHECK_FALSE(files.entries[2].folder);
  CHECK(files.other_files == 1);  // notes.txt
  auto folders = list_folder(root, ".json", true);
  CHECK(names(folders) == std::vector<std::string>{"A_dir", "b_dir"});
  CHECK(folders.other_files == 3);
  CHECK(list_folder(root / "nope", ".json", false).error == ListError::not_found);
  CHECK(list_folder(root / "z.json", ".json", false).error == ListError::not_a_folder);
}

TEST_CASE("file picker: a folder that cannot be read is an error, not a crash") {
  if (geteuid() == 0) {  // root reads a mode-000 folder; the vanished-folder case below shows the message
    MESSAGE("running as root: the mode-000 check is skipped");
    return;
  }
  const auto root = make_tree("picker_denied");
  fs::create_directories(root / "locked");
  chmod((root / "locked").c_str(), 0);
  auto l = list_folder(root / "locked", ".json", false);
  chmod((root / "locked").c_str(), 0755);
  CHECK(l.error == ListError::denied);
  CHECK(l.entries.empty());
}

TEST_CASE("file picker: into a folder, up again, pick a file, typed paths") {
  const auto root = make_tree("picker_nav");
  FilePicker p;
  open_picker(p, FilePicker::Mode::file, root);
  CHECK(p.want_open);
  CHECK(p.folder == root);
  CHECK(p.selected == 0);
  p.selected = 1;  // b_dir
  CHECK_FALSE(picker_activate(p));
  CHECK(p.folder == root / "b_dir");
  CHECK(names(p.listing) == std::vector<std::string>{"inner.json"});
  picker_go_up(p);
  CHECK(p.folder == root);
  CHECK(p.selected == 1);  // back on the folder we came from
  p.selected = 3;          // z.json
  CHECK(picker_activate(p));
  CHECK(p.picked == (root / "z.json").string());
  // A file path opens its folder with the file selected.
  open_picker(p, FilePicker::Mode::file, root / "a.JSON");
  CHECK(p.folder == root);
  CHECK(p.selected == 2);
  // Typed: a folder opens, a file is picked, anything else is a message.
  p.typed = "A_dir";
  CHECK_FALSE(picker_take_typed(p));
  CHECK(p.folder == root / "A_dir");
  CHECK(p.typed == (root / "A_dir").string());
  p.typed = (root / "b_dir/inner.json").string();
  CHECK(picker_take_typed(p));
  CHECK(p.picked == (root / "b_dir" / "inner.json").string());
  p.typed = "no-such-thing";
  CHECK_FALSE(picker_take_typed(p));
  CHECK(p.message == "no-such-thing");
  // A start folder that is gone: the nearest one above it.
  open_picker(p, FilePicker::Mode::folder, root / "gone" / "deeper");
  CHECK(p.folder == root);
  CHECK(names(p.listing) == std::vector<std::string>{"A_dir", "b_dir"});
}

TEST_CASE("file picker: Browse… in the exercise prompt, keys only, fills the path; Escape backs out") {
  const auto root = make_tree("picker_exercise");
  Headless h("picker_exercise_app");
  h.frames(2);
  h.click("menu.file");
  h.click("menu.open_exercise");
  h.frames(1);
  h.type(root.string());  // the prompt's field has the keyboard
  h.click("###open_exercise.browse");
  h.frames(1);
  REQUIRE(h.state.dialogs.picker.open);
  CHECK(h.state.dialogs.picker.folder == root);
  CHECK(h.visible("picker.entry.3"));
  h.press(ImGuiKey_DownArrow);
  h.press_enter();  // into b_dir
  CHECK(h.state.dialogs.picker.folder == root / "b_dir");
  h.press(ImGuiKey_Backspace);  // up
  CHECK(h.state.dialogs.picker.folder == root);
  CHECK(h.state.dialogs.picker.selected == 1);
  h.press(ImGuiKey_DownArrow);
  h.press(ImGuiKey_DownArrow);  // z.json
  h.press_enter();
  CHECK_FALSE(h.state.dialogs.picker.open);
  CHECK(h.state.classroom.path_input == (root / "z.json").string());
  h.frames(1);
  CHECK(h.visible("###open_exercise.open"));  // back in the prompt, filled
  // Escape in the picker closes only the picker; the next one closes the prompt.
  h.click("###open_exercise.browse");
  h.frames(1);
  REQUIRE(h.state.dialogs.picker.open);
  h.press(ImGuiKey_Escape);
  CHECK_FALSE(h.state.dialogs.picker.open);
  h.frames(1);
  CHECK(h.visible("###open_exercise.open"));
  CHECK(h.state.classroom.path_input == (root / "z.json").string());
  h.press(ImGuiKey_Escape);
  h.frames(1);
  CHECK_FALSE(h.visible("###open_exercise.open"));
}

TEST_CASE("file picker: a results folder chosen with Ctrl+Enter; a typed path that leads nowhere says so") {
  const auto root = make_tree("picker_results");
  Headless h("picker_results_app");
  h.frames(2);
  h.click("menu.trainer");
  h.click("menu.open_results");
  h.frames(1);
  h.type(root.string());
  h.click("###open_results.browse");
  h.frames(1);
  REQUIRE(h.state.dialogs.picker.open);
  CHECK(h.state.dialogs.picker.mode == FilePicker::Mode::folder);
  CHECK_FALSE(h.visible("picker.entry.2"));  // folders only
  h.click("picker.path");
  h.press(ImGuiKey_End);
  h.type("/missing");
  h.press_enter();
  CHECK(h.visible("picker.message"));
  CHECK(h.state.dialogs.picker.open);
  h.press(ImGuiKey_DownArrow);  // the field let go on Enter: the list has the keys again
  h.press_enter();              // into b_dir
  CHECK(h.state.dialogs.picker.folder == root / "b_dir");
  h.press_index(ImGui::GetIO().KeyMap[ImGuiKey_Enter], true);  // Ctrl+Enter
  CHECK_FALSE(h.state.dialogs.picker.open);
  CHECK(h.state.classroom.path_input == (root / "b_dir").string());
}

TEST_CASE("file picker: a folder gone before it is opened shows a message in the dialog, and Up still works") {
  const auto root = make_tree("picker_gone");
  Headless h("picker_gone_app");
  h.frames(2);
  h.click("menu.trainer");
  h.click("menu.open_results");
  h.frames(1);
  h.type(root.string());
  h.click("###open_results.browse");
  h.frames(1);
  REQUIRE(h.state.dialogs.picker.open);
  fs::remove_all(root / "A_dir");  // listed, then deleted behind the picker's back
  h.press_enter();
  CHECK(h.state.dialogs.picker.listing.error == ListError::not_found);
  h.frames(1);
  CHECK(h.visible("picker.error"));
  CHECK(h.state.dialogs.picker.open);
  h.press(ImGuiKey_Backspace);
  CHECK(h.state.dialogs.picker.folder == root);
  h.frames(1);
  CHECK_FALSE(h.visible("picker.error"));
}

TEST_CASE("file picker: the scenario-folders dialog adds a folder picked with the mouse") {
  const auto root = make_tree("picker_folders");
  Headless h("picker_folders_app");
  h.frames(2);
  h.click("menu.trainer");
  h.click("menu.folders");
  h.click("home.folder.input");
  h.type(root.string());
  h.click("###folders.browse");
  h.frames(1);
  REQUIRE(h.state.dialogs.picker.open);
  h.click("picker.entry.0");  // A_dir selected...
  CHECK(h.state.dialogs.picker.selected == 0);
  h.press_enter();  // ...and opened
  CHECK(h.state.dialogs.picker.folder == root / "A_dir");
  CHECK(h.visible("picker.up"));
  h.click("picker.choose");
  CHECK(h.state.library.folder_input == (root / "A_dir").string());
  h.frames(1);
  h.click("home.folder.add");
  CHECK(h.state.settings.values.folders == std::vector<std::string>{(root / "A_dir").string()});
}
