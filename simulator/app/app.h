// The desktop app's entry point, called from simulator/main.cpp when no subcommand is given.
#pragma once

namespace chatdrill::app {

int run(int argc, char** argv);

}  // namespace chatdrill::app
