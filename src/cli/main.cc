// leadscore: the one binary. Parses the command line and runs the chosen subcommand.
#include "cli/app.h"

int main(int argc, char** argv) { return leadscore::cli::RunApp(argc, argv); }
