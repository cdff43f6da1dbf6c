// `chatdrill import`: a chat export (CSV) into transcripts, run as a QA lead runs it.
#include "cli_test_support.h"

#include "scoring/transcript.h"

#include <fstream>

using namespace chatdrill::cli::test;
namespace scoring = chatdrill::scoring;

namespace {

std::string data(const std::string& relative) { return std::string(CHATDRILL_TEST_DATA) + "/" + relative; }

}  // namespace

TEST_CASE("import: a chat export becomes one transcript per conversation that grades") {
  const auto out = scratch_dir("import-ok");
  std::filesystem::remove_all(out);
  const Run r = run_chatdrill("import " + quoted(data("import/chats.csv")) + " --conversation conversation --out " +
                              quoted(out.string()));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(contains(r.out, "time = column 2 \"Timestamp\""));
  CHECK(contains(r.out, "trainee:  \"Agent Ville\" (1), \"Support Maria\" (2)"));
  CHECK(contains(r.out, "customer: \"Liisa\" (2), \"Pekka\" (2)"));
  CHECK(contains(r.out, "language: guessed from the words (1 en, 1 fi)"));
  CHECK(contains(r.out, "wrote 2 transcripts"));
  const auto a = scoring::load_transcript((out / "A-1.json").string());
  const auto b = scoring::load_transcript((out / "B_2.json").string());  // "/" is no file name character
  REQUIRE(a.transcript);
  REQUIRE(b.transcript);
  CHECK(a.transcript->language == "en");
  CHECK(b.transcript->language == "fi");
  const auto& am = a.transcript->messages;
  REQUIRE(am.size() == 4);  // sorted by time: the customer's question first
  CHECK(am[0].from == "customer");
  CHECK(am[0].text == "Hi, where is my order 4821? I paid for express, and it is late.");
  CHECK(am[1].from == "trainee");
  CHECK(am[1].at == doctest::Approx(38));
  REQUIRE(b.transcript->messages.size() == 3);
  CHECK(contains(b.transcript->messages[1].text, "heti.\nSe lähti"));  // a line break inside quotes
  const Run graded =
      run_chatdrill("grade " + quoted((out / "A-1.json").string()) + " " + quoted((out / "B_2.json").string()));
  CHECK_MESSAGE(graded.exit_code == 0, graded.err);
  CHECK(contains(graded.out, "First reply in 38 s, target 30 s") == false);
  CHECK(contains(graded.out, "First reply took 38 s, target 30 s."));
}

TEST_CASE("import: --agent and --customer choose who is who, and say so") {
  const auto out = scratch_dir("import-roles");
  const Run r = run_chatdrill("import " + quoted(data("import/chats.csv")) +
                              " --agent 'support maria' --customer Liisa --conversation Conversation --out " +
                              quoted(out.string()));
  CHECK(r.exit_code == 1);  // Pekka and Agent Ville are neither
  CHECK(contains(r.err, "chats.csv:4: column 3 \"Sender\": \"Pekka\" is neither an --agent nor a --customer value"));
  CHECK(contains(r.err, "nothing written"));
  const Run only = run_chatdrill(
      "import " + quoted(data("import/chats.csv")) +
      " --customer Liisa --customer pekka --whole-file --channel email --language en --out " + quoted(out.string()));
  REQUIRE_MESSAGE(only.exit_code == 0, only.err);
  CHECK(contains(only.out, "--customer values are the customer, everyone else the trainee"));
  CHECK(contains(only.out, "wrote 1 transcript to"));
  // One conversation for the whole file: times of both kinds of zone, but all timestamps.
  const auto t = scoring::load_transcript((out / "chats.json").string());
  REQUIRE(t.transcript);
  CHECK(t.transcript->channel == "email");
  CHECK(t.transcript->messages.size() == 7);
  // Without --whole-file, the "Conversation" column splits the file (found by its usual name).
  const auto split = scratch_dir("import-split");
  const Run found = run_chatdrill("import " + quoted(data("import/chats.csv")) +
                                  " --customer Liisa --customer pekka --out " + quoted(split.string()));
  REQUIRE_MESSAGE(found.exit_code == 0, found.err);
  CHECK(contains(found.out, "conversation = column 1 \"Conversation\""));
  CHECK(contains(found.out, "wrote 2 transcripts to"));
}

TEST_CASE("import: column names match ignoring capitals, spaces and underscores") {
  const auto dir = scratch_dir("import-names");
  const auto csv = dir / "export.csv";
  {
    std::ofstream f(csv);
    f << "Conversation ID,Created At,Sender,Message\n"
         "a,2026-11-02 09:00:05,customer,\"Hei, lasku on väärin.\"\n"
         "a,2026-11-02 09:00:40,agent,Pahoittelen! Mikä on laskun numero?\n"
         "b,2026-11-02 10:00:00,customer,Where is my parcel?\n"
         "b,2026-11-02 10:00:20,agent,Let me check the tracking for you.\n";
  }
  const Run r = run_chatdrill("import " + quoted(csv.string()) + " --out " + quoted(dir.string()));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(contains(r.out, "time = column 2 \"Created At\""));
  CHECK(contains(r.out, "wrote 2 transcripts to"));
  const auto a = scoring::load_transcript((dir / "a.json").string());
  REQUIRE(a.transcript);
  CHECK(a.transcript->messages.size() == 2);
  CHECK(a.transcript->messages[1].at == doctest::Approx(35));
}

TEST_CASE("import: broken rows and missing columns are named with file, line and column") {
  const auto out = scratch_dir("import-bad");
  const Run r = run_chatdrill("import " + quoted(data("import/bad_rows.csv")) + " --out " + quoted(out.string()));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "bad_rows.csv:3: column 2 \"Timestamp\": \"2026-02-30 09:15:40\": February 2026 has 28 days"));
  CHECK(contains(r.err, "bad_rows.csv:4: text after a closing quote"));
  CHECK_FALSE(std::filesystem::exists(out / "bad_rows.json"));
  const Run cols =
      run_chatdrill("import " + quoted(data("import/bad_rows.csv")) + " --text Body --out " + quoted(out.string()));
  CHECK(cols.exit_code == 1);
  CHECK(contains(cols.err,
                 "bad_rows.csv:1: no column \"Body\" for the text; the header has \"Conversation\", \"Timestamp\", "
                 "\"Sender\", \"Message\""));
  const auto headerless = out / "odd.csv";
  write_file(headerless, "when,who,what\n1,agent,hi\n");
  const Run none = run_chatdrill("import " + quoted(headerless.string()) + " --out " + quoted(out.string()));
  CHECK(
      contains(none.err,
               "no time column (tried time, timestamp, date, created_at, datetime, sent_at; name it with --time COL)"));
  CHECK(run_chatdrill("import --help").exit_code == 0);
  CHECK(run_chatdrill("import").exit_code == 2);
}
