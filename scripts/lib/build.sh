# Sourced by the scripts: builds pfm-sim when the shaded jar is missing or older than the sources,
# then sets $jar and $launcher (the filtered JVM flags and Spark's classpath from Maven).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
launcher=$root/spark-jobs/target/launcher
jar=$(ls "$root"/spark-jobs/target/spark-jobs-*-all.jar 2>/dev/null | head -n 1 || true)

pfm_stale() {
  [[ -z "$jar" || ! -f "$launcher/spark-classpath.txt" || ! -f "$launcher/jvm-flags.txt" ]] && return 0
  [[ -n "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src -newer "$jar" -type f -print -quit)" ]]
}

if pfm_stale; then
  command -v mvn >/dev/null || { echo "pfm: Maven (mvn) is needed to build pfm-sim; install JDK 17 and Maven" >&2; exit 2; }
  echo "pfm: building pfm-sim (first run or sources changed)..." >&2
  (cd "$root" && mvn -q -B -DskipTests install) >&2
  jar=$(ls "$root"/spark-jobs/target/spark-jobs-*-all.jar | head -n 1)
fi
read -r -a jvm_flags < "$launcher/jvm-flags.txt"
cache=${PFM_CACHE_DIR:-$root/.pfm}
