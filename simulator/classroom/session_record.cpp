// A session from start to saved result; see session_record.h.
#include "session_record.h"

#include <algorithm>
#include <filesystem>

#include "scoring/core/timestamp.h"
#include "simulator/engine/files.h"
#include "simulator/engine/scenario.h"

namespace chatdrill::classroom {

namespace fs = std::filesystem;

std::unique_ptr<SessionRecord> SessionRecord::start(SessionSetup setup, double now, std::int64_t wall_now,
                                                    std::string& error) {
  if (!setup.scenario) {
    error = "no scenario to play";
    return nullptr;
  }
  std::unique_ptr<SessionRecord> record(new SessionRecord());
  const auto writer = this_writer();
  record->stem_ = result_file_stem(setup.trainee, setup.scenario->id, writer);
  record->paths_ = result_paths(setup.results_dir, record->stem_);
  if (auto err = engine::ensure_directory(fs::path(record->paths_.journal).parent_path().string()); !err.empty()) {
    error = err;
    return nullptr;
  }
  engine::SessionOptions options{setup.seed, setup.time_limit, record->paths_.journal,
                                 setup.journal_trainee.value_or(setup.trainee)};
  try {  // broken language data: its message, not an abort
    record->session_ = std::make_unique<engine::Session>(setup.scenario, std::move(options));
  } catch (const std::exception& e) {
    error = e.what();
    return nullptr;
  }
  record->started_at_ = now;
  record->started_wall_ = scoring::format_utc_timestamp(wall_now);
  record->setup_ = std::move(setup);
  record->setup_.journal_trainee.reset();
  record->session_->advance(0);
  return record;
}

double SessionRecord::time(double now) const { return std::max(0.0, now - started_at_); }

bool SessionRecord::advance(double now) {
  if (session_->finished()) return false;
  const auto before = session_->transcript().messages.size();
  const bool typing = session_->customer().typing;
  session_->advance(time(now));
  return session_->transcript().messages.size() != before || session_->customer().typing != typing ||
         session_->finished();
}

std::string SessionRecord::send(double now, std::string_view text, const scoring::Json& noted) {
  if (session_->finished()) return {};
  try {
    session_->send(time(now), text, noted);
  } catch (const std::exception& e) {  // broken language data: say so, the chat stays
    return e.what();
  }
  return {};
}

void SessionRecord::end(double now) {
  if (!session_->finished()) session_->end(time(now));
}

scoring::Rubric SessionRecord::rubric() const {
  scoring::Rubric rubric = setup_.scenario->rubric;
  if (setup_.weights) rubric.weights = *setup_.weights;
  return rubric;
}

std::string grade_result(SessionResult& result, const scoring::Rubric& rubric, scoring::Grader& grader) {
  try {
    result.grade = scoring::grade_transcript(result.transcript, rubric, grader);
  } catch (const std::exception& e) {  // the chat is still saved, ungraded
    return e.what();
  }
  return {};
}

SessionResult SessionRecord::result(std::int64_t wall_end, scoring::Grader& grader, std::string* grade_error) const {
  SessionResult r;
  r.trainee = setup_.trainee;
  r.exercise_id = setup_.exercise_id;
  r.exercise_title = setup_.exercise_title;
  r.position = setup_.position;
  r.scenario_id = setup_.scenario->id;
  r.scenario_title = setup_.scenario->title;
  r.started_at = started_wall_;
  r.ended_at = scoring::format_utc_timestamp(wall_end);
  r.app_version = CHATDRILL_VERSION;
  r.host = this_writer().host;
  r.transcript = session_->transcript();
  auto err = grade_result(r, rubric(), grader);
  if (grade_error) *grade_error = std::move(err);
  return r;
}

std::string SessionRecord::save(std::int64_t wall_now, scoring::Grader& grader) {
  if (save_error_) return *save_error_;
  if (saved_) return {};
  if (!session_->finished()) return "the session is still running";
  std::string grade_error;
  auto r = result(wall_now, grader, &grade_error);
  if (auto err = write_result(paths_.result, r); !err.empty()) {
    save_error_ = err + " (the journal " + paths_.journal + " keeps the session)";
    return *save_error_;
  }
  std::error_code ec;
  fs::remove(paths_.journal, ec);  // the result now holds everything the journal did
  saved_ = std::move(r);
  return grade_error;  // saved, but ungraded: say why
}

}  // namespace chatdrill::classroom
