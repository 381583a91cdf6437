"""Exit codes of every ``honorboard`` command (CI jobs and pre-commit read them)."""

EXIT_OK = 0  # all well
EXIT_PROBLEMS = 1  # problems in the data, a refused write, a failed build or deploy
EXIT_USAGE = 2  # wrong usage: a missing folder or file, a malformed option
EXIT_ATTENTION = 3  # `stats`: a lobby screen is offline or shows an old build (for cron and monitoring)
