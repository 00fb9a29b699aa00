# Process identity for scripts that record PIDs (sourced by scripts/cluster; tested by ProcessIdentityTest).

alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

# The kernel's start time of a process (clock ticks since boot, field 22 of /proc/PID/stat, counted after the
# command name, which may hold spaces): with the PID it names one process, whatever PIDs are reused since.
started() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0; stat=${stat##*) }; set -- $stat; echo "${20}"; }

# Alive and still the process recorded as $1 started at $2 (a record without a start time: the PID alone).
ours() { alive "$1" && [[ -z "${2:-}" || "$(started "$1")" == "$2" ]]; }
