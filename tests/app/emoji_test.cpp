// Emoji with Debian's 16-bit ImGui: never corrupt the reply box or the message, are kept
// as received when they come through the window layer, and are drawn legibly.
#include "headless.h"

#include "scoring/core/json_doc.h"
#include "simulator/app/ui/emoji.h"

using chatdrill::app::display_text;
using chatdrill::app::EmojiKeeper;
using chatdrill::app::test::Headless;

TEST_CASE("emoji through AddInputCharactersUTF8 do not corrupt the box or the message") {
  Headless h("emoji_plain");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.type("Kiitos \xF0\x9F\x98\x80 paljon");  // 😀
  std::string draft = h.draft();
  CHECK(chatdrill::scoring::is_valid_utf8(draft));
  CHECK(draft.find('\0') == std::string::npos);
  CHECK(draft.rfind("Kiitos ", 0) == 0);
  CHECK(draft.find(" paljon") != std::string::npos);
  h.type(" ä");
  h.press_enter();
  REQUIRE(h.trainee_messages().size() == 1);
  std::string sent = h.trainee_messages()[0];
  CHECK(chatdrill::scoring::is_valid_utf8(sent));
  CHECK(sent.find(" paljon ä") != std::string::npos);
  CHECK(h.draft().empty());
}

TEST_CASE("emoji typed through the window layer's keeper are stored exactly as received") {
  Headless h("emoji_kept");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  const std::string text = "Kiitos \xF0\x9F\x98\x8A ja \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD!";  // 😊 👍🏽
  h.type_with_emoji_keeper(text);
  CHECK(chatdrill::scoring::is_valid_utf8(h.draft()));
  h.press(ImGuiKey_Backspace);  // editing next to stand-ins keeps the buffer sound
  h.type_with_emoji_keeper("!");
  h.press_enter();
  REQUIRE(h.trainee_messages().size() == 1);
  CHECK(h.trainee_messages()[0] == text);
}

TEST_CASE("display text maps smileys to ASCII and other emoji to a placeholder") {
  CHECK(display_text("Kiva \xF0\x9F\x98\x80") == "Kiva :D");
  CHECK(display_text("ok \xF0\x9F\x98\x89") == "ok ;)");
  CHECK(display_text("voi \xF0\x9F\x98\xA2") == "voi :'(");
  CHECK(display_text("\xE2\x9D\xA4\xEF\xB8\x8F kiitos") == "<3 kiitos");  // ❤️ with VS16
  CHECK(display_text("\xF0\x9F\x9A\x80 nyt") == "[emoji] nyt");           // 🚀
  CHECK(display_text("Hyvää päivää – 5 € “lainaus”") == "Hyvää päivää – 5 € “lainaus”");
  CHECK(display_text("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("the emoji keeper round-trips and runs out gracefully") {
  EmojiKeeper keeper;
  std::string text =
      "a\xF0\x9F\x98\x80"
      "b\xF0\x9F\x98\x80"
      "c";
  std::string encoded = keeper.encode(text);
  for (unsigned char c : encoded) CHECK(c != 0xF0);  // nothing outside the BMP reaches ImGui
  CHECK(keeper.decode(encoded) == text);
  for (std::uint32_t cp = 0x1F680; cp < 0x1F680 + 40; ++cp) CHECK(keeper.to_input(cp) <= 0xFFFF);
}
