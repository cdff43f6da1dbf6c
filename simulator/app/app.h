// The desktop app's entry point, called from simulator/main.cpp when no subcommand is given.
#pragma once

namespace chatdrill::app {

// Runs the trainer window until it is closed; returns the process exit code
// (0 fine, 1 no display or a failed --drive script, 2 bad usage).
int run(int argc, char** argv);

}  // namespace chatdrill::app
